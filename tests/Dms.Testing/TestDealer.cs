namespace Dms.Testing;

public sealed record TestDealer(string Code, string ApiKey, string? WebhookSecret);

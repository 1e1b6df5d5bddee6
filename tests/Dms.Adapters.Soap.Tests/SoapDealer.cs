namespace Dms.Adapters.Soap.Tests;

public sealed record SoapDealer(string Code, string SoapSecret, string ApiKey);

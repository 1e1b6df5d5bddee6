using Azure.Core;

namespace Dms.Adapters.ServiceBus.Internal;

/// <summary>A bearer token for <c>https://servicebus.azure.net</c> from the app's identity, kept until five minutes before it expires.</summary>
internal sealed class EntraToken(TokenCredential credential, TimeProvider clock) : IServiceBusToken
{
    private static readonly TokenRequestContext Scope = new(["https://servicebus.azure.net/.default"]);
    private volatile Issued? _current;

    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        if (current is null || clock.GetUtcNow() >= current.RenewAt)
        {
            var token = await credential.GetTokenAsync(Scope, cancellationToken);
            current = new Issued("Bearer " + token.Token, token.ExpiresOn - TimeSpan.FromMinutes(5));
            _current = current;
        }

        return current.Header;
    }

    private sealed record Issued(string Header, DateTimeOffset RenewAt);
}

using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Dms.Adapters.ServiceBus.Internal;

/// <summary>
/// Signs a shared access signature for the whole namespace, as Service Bus documents it:
/// <c>sig = Base64(HMAC-SHA256(key, UrlEncode(resourceUri) + "\n" + expiry))</c>. One token, renewed when it has
/// less than a fifth of its lifetime left.
/// </summary>
internal sealed class SharedAccessSignature(Uri resource, string keyName, string key, TimeSpan lifetime, TimeProvider clock) : IServiceBusToken
{
    private volatile Signed? _current;

    public ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var current = _current;
        if (current is null || now >= current.RenewAt)
        {
            var expiry = now + lifetime;
            current = new Signed(Create(resource, keyName, key, expiry), expiry - lifetime / 5);
            _current = current;
        }

        return ValueTask.FromResult(current.Header);
    }

    public static string Create(Uri resource, string keyName, string key, DateTimeOffset expiry)
    {
        var encodedResource = WebUtility.UrlEncode(resource.AbsoluteUri);
        var seconds = expiry.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(encodedResource + "\n" + seconds)));
        return $"SharedAccessSignature sr={encodedResource}&sig={WebUtility.UrlEncode(signature)}&se={seconds}&skn={WebUtility.UrlEncode(keyName)}";
    }

    private sealed record Signed(string Header, DateTimeOffset RenewAt);
}

using System.Globalization;
using Dms.Hub.Common;
using Dms.Hub.Dealers;
using Microsoft.Extensions.Options;

namespace Dms.Adapters.Soap.Internal;

/// <summary>
/// WS-Security UsernameToken validation: username = dealer code, password = the dealer's SOAP secret as
/// PasswordText or PasswordDigest; Created (token or Timestamp) within the allowed skew; a nonce only once.
/// Off-the-shelf validators (SoapCore's, for one) keep plaintext passwords and never check replay, hence this one.
/// </summary>
internal sealed class UsernameTokenValidator(SoapSecrets secrets, INonceStore nonces, DealerDirectory dealers, IOptions<SoapOptions> options, TimeProvider clock)
{
    public async Task<(Dealer? Dealer, SoapFault? Fault)> ValidateAsync(SecurityHeader header, CancellationToken cancellationToken)
    {
        var policy = options.Value;
        var now = clock.GetUtcNow();
        var skew = TimeSpan.FromSeconds(policy.ClockSkewSeconds);
        if (header.Username is not { } username || !DealerCodes.IsValid(username) || string.IsNullOrEmpty(header.Password))
        {
            return (null, SoapFault.FailedAuthentication);
        }

        var createdText = header.Created ?? header.TimestampCreated;
        DateTimeOffset? created = createdText is null ? null : ParseTime(createdText);
        if (createdText is not null && created is null)
        {
            return (null, SoapFault.InvalidSecurity("Created must be a UTC timestamp (ISO 8601)."));
        }

        if ((created is { } c && (c > now + skew || c < now - skew))
            || (header.TimestampExpires is { } expires && ParseTime(expires) is { } e && e < now - skew))
        {
            return (null, SoapFault.Expired);
        }

        if (created is null && (policy.RequireTimestamp || header.IsDigest))
        {
            return (null, SoapFault.InvalidSecurity("The token must carry a Created time (and a Nonce for PasswordDigest)."));
        }

        var valid = header.IsDigest
            ? header.Nonce is { } nonce && TryBase64(nonce, out var nonceBytes) && header.Created is { } tokenCreated
              && await secrets.VerifyDigestAsync(username, nonceBytes, tokenCreated, header.Password, cancellationToken)
            : await secrets.VerifyTextAsync(username, header.Password, cancellationToken);
        if (!valid)
        {
            return (null, SoapFault.FailedAuthentication);
        }

        // Only a verified token reaches the replay store, so garbage cannot fill it.
        if (header.Nonce is { } seen && created is { } at && !await nonces.TryRememberAsync(username, seen, at, cancellationToken))
        {
            return (null, SoapFault.FailedAuthentication);
        }

        var dealer = await dealers.GetDealerAsync(username, cancellationToken);
        return dealer is null ? (null, SoapFault.FailedAuthentication) : (dealer, null);
    }

    private static DateTimeOffset? ParseTime(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[text.Length];
        return Convert.TryFromBase64String(text, bytes, out var written) && (bytes = bytes[..written]).Length > 0;
    }
}

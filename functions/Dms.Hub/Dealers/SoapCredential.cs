namespace Dms.Hub.Dealers;

/// <summary>
/// A dealer's SOAP password: a salted hash (verifies PasswordText) and a copy sealed with the master key, because
/// WS-Security PasswordDigest can only be checked by recomputing SHA-1(nonce + created + password).
/// </summary>
public sealed record SoapCredential(string DealerCode, string Salt, string Hash, string SealedSecret, bool Demo, DateTimeOffset CreatedAt);

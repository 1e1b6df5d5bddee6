namespace Dms.Hub.Dealers;

/// <summary>Port: salted API key hashes, keyed by fingerprint.</summary>
public interface ICredentialStore
{
    Task<Credential?> GetAsync(string fingerprint, CancellationToken cancellationToken);

    Task UpsertAsync(Credential credential, CancellationToken cancellationToken);
}

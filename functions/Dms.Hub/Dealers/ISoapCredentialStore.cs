namespace Dms.Hub.Dealers;

/// <summary>Port: dealers' SOAP credentials, by dealer code (the UsernameToken's username).</summary>
public interface ISoapCredentialStore
{
    Task<SoapCredential?> GetAsync(string dealerCode, CancellationToken cancellationToken);

    Task UpsertAsync(SoapCredential credential, CancellationToken cancellationToken);
}

using Azure;
using Azure.Data.Tables;
using Dms.Hub.Dealers;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>The partner registry and API key hashes. Only salted hashes are stored, never a key.</summary>
internal sealed class TableDealerStore(TableSet tables) : IDealerStore, ICredentialStore, ISoapCredentialStore
{
    private const string DealerPartition = "dealer";
    private const string CredentialPartition = "apikey";
    private const string SoapPartition = "soap";

    public async Task<Dealer?> GetAsync(string code, CancellationToken cancellationToken)
    {
        var row = await tables.Dealers.GetEntityIfExistsAsync<TableEntity>(DealerPartition, code, cancellationToken: cancellationToken);
        return row.HasValue ? DealerFromEntity(row.Value!) : null;
    }

    public async Task<IReadOnlyList<Dealer>> ListAsync(CancellationToken cancellationToken)
    {
        var dealers = new List<Dealer>();
        await foreach (var entity in tables.Dealers.QueryAsync<TableEntity>(e => e.PartitionKey == DealerPartition, cancellationToken: cancellationToken))
        {
            dealers.Add(DealerFromEntity(entity));
        }

        return dealers;
    }

    public async Task<bool> TryAddAsync(Dealer dealer, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Dealers.AddEntityAsync(DealerEntity(dealer), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public Task UpsertAsync(Dealer dealer, CancellationToken cancellationToken) =>
        tables.Dealers.UpsertEntityAsync(DealerEntity(dealer), TableUpdateMode.Replace, cancellationToken);

    async Task<Credential?> ICredentialStore.GetAsync(string fingerprint, CancellationToken cancellationToken)
    {
        var row = await tables.Credentials.GetEntityIfExistsAsync<TableEntity>(CredentialPartition, fingerprint, cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }

        var e = row.Value!;
        return new Credential(e.RowKey, e.GetString("PrincipalId"), Enum.Parse<PrincipalRole>(e.GetString("Role")), e.GetString("Salt"), e.GetString("Hash"),
            e.GetBoolean("Demo") ?? false, e.GetDateTimeOffset("CreatedAt") ?? default, e.GetDateTimeOffset("RevokedAt"));
    }

    Task ICredentialStore.UpsertAsync(Credential credential, CancellationToken cancellationToken) =>
        tables.Credentials.UpsertEntityAsync(new TableEntity(CredentialPartition, credential.Fingerprint)
        {
            ["PrincipalId"] = credential.PrincipalId,
            ["Role"] = credential.Role.ToString(),
            ["Salt"] = credential.Salt,
            ["Hash"] = credential.Hash,
            ["Demo"] = credential.Demo,
            ["CreatedAt"] = credential.CreatedAt.UtcDateTime,
            ["RevokedAt"] = credential.RevokedAt?.UtcDateTime,
        }, TableUpdateMode.Replace, cancellationToken);

    async Task<SoapCredential?> ISoapCredentialStore.GetAsync(string dealerCode, CancellationToken cancellationToken)
    {
        var row = await tables.Credentials.GetEntityIfExistsAsync<TableEntity>(SoapPartition, dealerCode, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } e
            ? new SoapCredential(e.RowKey, e.GetString("Salt"), e.GetString("Hash"), e.GetString("SealedSecret"), e.GetBoolean("Demo") ?? false, e.GetDateTimeOffset("CreatedAt") ?? default)
            : null;
    }

    Task ISoapCredentialStore.UpsertAsync(SoapCredential credential, CancellationToken cancellationToken) =>
        tables.Credentials.UpsertEntityAsync(new TableEntity(SoapPartition, credential.DealerCode)
        {
            ["Salt"] = credential.Salt,
            ["Hash"] = credential.Hash,
            ["SealedSecret"] = credential.SealedSecret,
            ["Demo"] = credential.Demo,
            ["CreatedAt"] = credential.CreatedAt.UtcDateTime,
        }, TableUpdateMode.Replace, cancellationToken);

    private static TableEntity DealerEntity(Dealer d) => new(DealerPartition, d.Code)
    {
        [nameof(Dealer.Name)] = d.Name,
        [nameof(Dealer.Region)] = d.Region,
        [nameof(Dealer.District)] = d.District,
        [nameof(Dealer.Brand)] = d.Brand,
        [nameof(Dealer.NotificationChannel)] = d.NotificationChannel,
        [nameof(Dealer.CallbackUrl)] = d.CallbackUrl,
        [nameof(Dealer.DocumentTypes)] = string.Join(',', d.DocumentTypes),
        [nameof(Dealer.Stage)] = d.Stage,
        [nameof(Dealer.SecretVersion)] = d.SecretVersion,
        [nameof(Dealer.ApiKeyFingerprint)] = d.ApiKeyFingerprint,
        [nameof(Dealer.Demo)] = d.Demo,
        [nameof(Dealer.CreatedAt)] = d.CreatedAt.UtcDateTime,
    };

    private static Dealer DealerFromEntity(TableEntity e) => new()
    {
        Code = e.RowKey,
        Name = e.GetString(nameof(Dealer.Name)),
        Region = e.GetString(nameof(Dealer.Region)),
        District = e.GetString(nameof(Dealer.District)),
        Brand = e.GetString(nameof(Dealer.Brand)),
        NotificationChannel = e.GetString(nameof(Dealer.NotificationChannel)) ?? NotificationChannels.Mailbox,
        CallbackUrl = e.GetString(nameof(Dealer.CallbackUrl)),
        DocumentTypes = (e.GetString(nameof(Dealer.DocumentTypes)) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
        Stage = e.GetString(nameof(Dealer.Stage)) ?? "live",
        SecretVersion = e.GetInt32(nameof(Dealer.SecretVersion)) ?? 1,
        ApiKeyFingerprint = e.GetString(nameof(Dealer.ApiKeyFingerprint)),
        Demo = e.GetBoolean(nameof(Dealer.Demo)) ?? false,
        CreatedAt = e.GetDateTimeOffset(nameof(Dealer.CreatedAt)) ?? default,
    };
}

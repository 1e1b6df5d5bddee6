using Azure;
using Azure.Data.Tables;
using Dms.Hub.Dealers;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>HQ users beside the dealers (their own partition of the dealers table); keys are in the credentials table.</summary>
internal sealed class TableHqUserStore(TableSet tables) : IHqUserStore
{
    private const string Partition = "hquser";

    public async Task<HqUser?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var row = await tables.Dealers.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    public async Task<IReadOnlyList<HqUser>> ListAsync(CancellationToken cancellationToken)
    {
        var users = new List<HqUser>();
        await foreach (var entity in tables.Dealers.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            users.Add(FromEntity(entity));
        }

        return users;
    }

    public async Task<bool> TryAddAsync(HqUser user, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Dealers.AddEntityAsync(ToEntity(user), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public Task UpsertAsync(HqUser user, CancellationToken cancellationToken) =>
        tables.Dealers.UpsertEntityAsync(ToEntity(user), TableUpdateMode.Replace, cancellationToken);

    private static TableEntity ToEntity(HqUser u) => new(Partition, u.Id)
    {
        [nameof(HqUser.Name)] = u.Name,
        [nameof(HqUser.Role)] = u.Role.ToString(),
        [nameof(HqUser.Region)] = u.Region,
        [nameof(HqUser.District)] = u.District,
        [nameof(HqUser.CallbackUrl)] = u.CallbackUrl,
        [nameof(HqUser.ApiKeyFingerprint)] = u.ApiKeyFingerprint,
        [nameof(HqUser.Demo)] = u.Demo,
        [nameof(HqUser.CreatedAt)] = u.CreatedAt.UtcDateTime,
    };

    private static HqUser FromEntity(TableEntity e) => new()
    {
        Id = e.RowKey,
        Name = e.GetString(nameof(HqUser.Name)),
        Role = Enum.Parse<PrincipalRole>(e.GetString(nameof(HqUser.Role))),
        Region = e.GetString(nameof(HqUser.Region)),
        District = e.GetString(nameof(HqUser.District)),
        CallbackUrl = e.GetString(nameof(HqUser.CallbackUrl)),
        ApiKeyFingerprint = e.GetString(nameof(HqUser.ApiKeyFingerprint)),
        Demo = e.GetBoolean(nameof(HqUser.Demo)) ?? false,
        CreatedAt = e.GetDateTimeOffset(nameof(HqUser.CreatedAt)) ?? default,
    };
}

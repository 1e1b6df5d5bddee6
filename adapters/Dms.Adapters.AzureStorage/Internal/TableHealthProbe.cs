using Azure.Data.Tables;
using Dms.Hub.Storage;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>Ready when the tables exist and a point read answers.</summary>
internal sealed class TableHealthProbe(TableSet tables, StorageInitializer initializer) : IHealthProbe
{
    public string Name => "table-storage";

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        if (!initializer.Ready.IsCompletedSuccessfully)
        {
            return false;
        }

        try
        {
            await tables.Dealers.GetEntityIfExistsAsync<TableEntity>("health", "probe", cancellationToken: cancellationToken);
            return true;
        }
        catch (Exception ex) when (StorageErrors.IsUnavailable(ex))
        {
            return false;
        }
    }
}

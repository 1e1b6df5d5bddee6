using Azure.Data.Tables;
using Dms.Hub.Storage;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>
/// Whether a refused transaction had in fact been applied: storage took it, its answer came after the client's
/// timeout (<c>Dms:Storage:TimeoutSeconds</c>, a saturated Azurite), and the SDK's resend was refused (409/412/404)
/// because the first send had moved the ETags. Taken for a conflict, the caller re-planned on the stored document,
/// found its step already done and never dispatched the work the first send had created — work claimed at birth then
/// waited for the recovery sweep, minutes later. The batch is atomic, so one row carrying the change set's token
/// proves every operation landed (as <see cref="TableWorkStore"/>'s lease token does for a lease).
/// </summary>
internal static class CommitLanding
{
    /// <summary>Written on the first row a commit writes; any later write of the row replaces or renews it.</summary>
    internal const string TokenColumn = "CommitToken";

    private static readonly string[] TokenOnly = [TokenColumn];

    /// <summary>
    /// True when <paramref name="batch"/> is stored (its token row carries <paramref name="changes"/>' token); then
    /// the ETags the lost answer would have given are read back (a point read per row the caller writes under later:
    /// the document, its marker, new and rescheduled work) and put on <paramref name="changes"/>. A rare path.
    /// </summary>
    public static async Task<bool> LandedAsync(TableClient table, ChangeBatch batch, ChangeSet changes, CancellationToken cancellationToken)
    {
        if (batch.TokenIndex < 0)
        {
            return false;
        }

        var (partition, row) = batch.KeysAt(batch.TokenIndex);
        var stored = await table.GetEntityIfExistsAsync<TableEntity>(partition, row, TokenOnly, cancellationToken);
        if (!stored.HasValue || stored.Value!.GetString(TokenColumn) != changes.CommitToken)
        {
            return false;
        }

        int[] wanted = [batch.DocumentIndex, batch.MarkerIndex, batch.RescheduleIndex, .. batch.NewWorkIndexes];
        var etags = new Dictionary<int, string?> { [batch.TokenIndex] = stored.Value.ETag.ToString() };
        foreach (var index in wanted.Where(i => i >= 0 && !etags.ContainsKey(i)).Distinct())
        {
            var (p, r) = batch.KeysAt(index);
            var read = await table.GetEntityIfExistsAsync<TableEntity>(p, r, TokenOnly, cancellationToken);
            etags[index] = read.HasValue ? read.Value!.ETag.ToString() : null;
        }

        batch.Stamp(changes, index => etags.GetValueOrDefault(index));
        return true;
    }
}

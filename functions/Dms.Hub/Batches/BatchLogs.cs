using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Dms.Hub.Common;

namespace Dms.Hub.Batches;

/// <summary>
/// The logs a batch writes, as JSON lines in slices: row errors found by validation, errors the intake answered at
/// import, and one result per imported document. Each slice is sorted by row, so the logs are in row order.
/// </summary>
public static class BatchLogs
{
    public const string ValidationErrors = "validation-errors";
    public const string ImportErrors = "import-errors";
    public const string Results = "results";

    public static byte[] Encode<T>(IEnumerable<T> entries)
    {
        var text = new StringBuilder();
        foreach (var entry in entries)
        {
            text.Append(JsonSerializer.Serialize(entry, HubJson.Options)).Append('\n');
        }

        // An empty slice still gets a block (slices are committed by number), but an empty block is not allowed.
        return Encoding.UTF8.GetBytes(text.Length == 0 ? "\n" : text.ToString());
    }

    public static async IAsyncEnumerable<T> ReadAsync<T>(Stream log, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(log, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0)
            {
                yield return JsonSerializer.Deserialize<T>(line, HubJson.Options)!;
            }
        }
    }

    /// <summary>Two row-ordered error streams as one, in row order.</summary>
    public static async IAsyncEnumerable<BatchRowError> MergeAsync(IAsyncEnumerable<BatchRowError> first, IAsyncEnumerable<BatchRowError> second, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var a = first.GetAsyncEnumerator(cancellationToken);
        await using var b = second.GetAsyncEnumerator(cancellationToken);
        var hasA = await a.MoveNextAsync();
        var hasB = await b.MoveNextAsync();
        while (hasA || hasB)
        {
            if (hasA && (!hasB || a.Current.Row <= b.Current.Row))
            {
                yield return a.Current;
                hasA = await a.MoveNextAsync();
            }
            else
            {
                yield return b.Current;
                hasB = await b.MoveNextAsync();
            }
        }
    }
}

/// <summary>What became of one document of a file at import: accepted (new or replayed) or rejected, with its tracking ID.</summary>
public sealed record BatchResult(int Document, int Row, int LastRow, string Status, string? TrackingId, bool Replayed, string? Code);

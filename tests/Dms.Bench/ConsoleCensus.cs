using System.Text;
using Azure.Data.Tables;

namespace Dms.Bench;

/// <summary>One family of tables (the day tables of the listing count as one): its rows and their approximate size.</summary>
internal sealed record TableFamily(string Name, int Tables, long Rows, long Bytes);

/// <summary>
/// What the seeded documents cost Azurite, table by table: rows and bytes (keys, property names and values as stored,
/// strings in UTF-8). Every row is read once, so the census runs only for small seeds — Azurite rescans a table for each
/// 1,000-row page, which makes reading a large table quadratic.
/// </summary>
internal static class ConsoleCensus
{
    public const int MaxDocuments = 40_000;

    public static async Task<IReadOnlyList<TableFamily>> TakeAsync(string connectionString)
    {
        var service = new TableServiceClient(connectionString);
        var families = new Dictionary<string, (int Tables, long Rows, long Bytes)>(StringComparer.Ordinal);
        await foreach (var table in service.QueryAsync())
        {
            var (rows, bytes) = (0L, 0L);
            await foreach (var entity in service.GetTableClient(table.Name).QueryAsync<TableEntity>(maxPerPage: 1000))
            {
                rows++;
                bytes += Size(entity);
            }

            var family = Family(table.Name);
            var sum = families.GetValueOrDefault(family);
            families[family] = (sum.Tables + 1, sum.Rows + rows, sum.Bytes + bytes);
        }

        return families.Select(f => new TableFamily(f.Key, f.Value.Tables, f.Value.Rows, f.Value.Bytes)).OrderByDescending(f => f.Bytes).ToList();
    }

    private static readonly string[] NamedAfterTheirDate = ["listd", "listr", "scopecounts"];

    /// <summary>A table's name without its trailing digits (day tables, shards).</summary>
    public static string Family(string name) => NamedAfterTheirDate.Select(f => (Family: f, At: name.IndexOf(f, StringComparison.Ordinal))).FirstOrDefault(f => f.At > 0) is { Family: not null } hit
        ? name[..(hit.At + hit.Family.Length)] + "*" // dealer-week, region listing and scope counter tables: the code or hash after the date may end in digits too
        : name.TrimEnd("0123456789".ToCharArray()) is { Length: > 0 } family ? family + (family.Length < name.Length ? "*" : "") : name;

    private static long Size(TableEntity entity)
    {
        long size = 0;
        foreach (var (name, value) in entity)
        {
            if (name is "odata.etag" or "Timestamp")
            {
                continue;
            }

            size += name.Length + value switch
            {
                string text => Encoding.UTF8.GetByteCount(text),
                byte[] binary => binary.Length,
                BinaryData data => data.ToMemory().Length,
                _ => 8,
            };
        }

        return size;
    }
}

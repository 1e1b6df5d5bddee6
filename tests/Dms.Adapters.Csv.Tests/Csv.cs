using System.Text;
using Dms.Adapters.Csv.Internal;
using Dms.Hub.Batches;
using Microsoft.Extensions.Options;

namespace Dms.Adapters.Csv.Tests;

/// <summary>The format under test, and helpers to read a file the way the batch phases do.</summary>
internal static class Csv
{
    public static CsvBatchFormat Format(int maxRecordBytes = 1024 * 1024) => new(Options.Create(new CsvOptions { MaxRecordBytes = maxRecordBytes }));

    public static BatchRecord Batch(string documentType, BatchSniff sniff) => new()
    {
        Id = "D001-01K00000000000000000000000", DealerCode = "D001", DocumentType = documentType, Format = "csv", Delimiter = sniff.Delimiter, Columns = sniff.Columns,
    };

    public static async Task<List<BatchDocument>> ReadAsync(CsvBatchFormat format, string documentType, byte[] file, BatchCheckpoint? start = null)
    {
        var sniff = format.Sniff(file, complete: true, documentType);
        Assert.Null(sniff.Problem);
        var from = start ?? BatchCheckpoint.Start;
        using var stream = new MemoryStream(file, (int)from.Offset, file.Length - (int)from.Offset);
        var documents = new List<BatchDocument>();
        await foreach (var document in format.ReadAsync(stream, Batch(documentType, sniff), from, keysOnly: false, TestContext.Current.CancellationToken))
        {
            documents.Add(document);
        }

        return documents;
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Hub.Batches;
using Dms.Hub.Common;

namespace Dms.Functions.Http;

/// <summary>Batches as JSON: status, progress, timings, error summaries (per column and per code) and links.</summary>
internal static class BatchViews
{
    public static JsonObject View(BatchRecord b, string basePath)
    {
        var self = $"{basePath}/{b.Id}";
        return new JsonObject
        {
            ["batchId"] = b.Id,
            ["dealerCode"] = b.DealerCode,
            ["documentType"] = b.DocumentType,
            ["format"] = b.Format,
            ["status"] = b.Status,
            ["policy"] = b.Policy == BatchPolicy.RejectFile ? "reject-file" : "accept-valid-rows",
            ["file"] = new JsonObject
            {
                ["name"] = b.FileName, ["bytes"] = b.Bytes, ["sha256"] = b.Sha256, ["encoding"] = "utf-8", ["bom"] = b.Bom,
                ["delimiter"] = b.Delimiter, ["delimiterName"] = b.Delimiter switch { ";" => "semicolon", "\t" => "tab", _ => "comma" },
                ["columns"] = new JsonArray(b.Columns.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
            },
            ["progress"] = new JsonObject
            {
                ["rows"] = b.Rows, ["rowsValidated"] = b.RowsValidated, ["rowsInvalid"] = b.RowsInvalid,
                ["documents"] = b.Documents, ["documentsInvalid"] = b.DocumentsInvalid, ["documentsImported"] = b.DocumentsImported,
                ["accepted"] = b.Accepted, ["replayed"] = b.Replayed, ["rejected"] = b.Rejected, ["linesLeftOut"] = b.LinesLeftOut,
                ["validationPercent"] = Percent(b, b.Validation, b.ValidatedAt is not null), ["importPercent"] = Percent(b, b.Import, b.Status == BatchStatus.Completed),
            },
            ["timings"] = Timings(b),
            ["errors"] = new JsonObject
            {
                ["count"] = b.Errors,
                ["byColumn"] = new JsonObject(b.ErrorsByColumn.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => KeyValuePair.Create(c.Key, (JsonNode?)new JsonObject
                {
                    ["count"] = c.Value.Values.Sum(),
                    ["codes"] = new JsonObject(c.Value.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value))),
                }))),
                ["byCode"] = new JsonObject(b.ErrorsByColumn.SelectMany(c => c.Value).GroupBy(v => v.Key).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Sum(v => v.Value)))),
                ["fileError"] = b.FileError is null ? null : Error(b.FileError),
            },
            ["links"] = new JsonObject { ["self"] = self, ["errors"] = self + "/errors", ["errorsCsv"] = self + "/errors.csv", ["results"] = self + "/results" },
        };
    }

    public static JsonObject Error(BatchRowError e) => new()
    {
        ["row"] = e.Row, ["line"] = e.Line, ["column"] = e.Column, ["value"] = e.Value, ["code"] = e.Code, ["message"] = e.Message,
    };

    public static JsonObject Result(BatchResult r) => (JsonObject)JsonSerializer.SerializeToNode(r, HubJson.Options)!;

    private static int Percent(BatchRecord b, BatchCheckpoint checkpoint, bool done) =>
        done ? 100 : b.Bytes == 0 ? 0 : (int)Math.Min(99, checkpoint.Offset * 100 / b.Bytes);

    private static JsonObject Timings(BatchRecord b)
    {
        static double? Seconds(DateTimeOffset? from, DateTimeOffset? to) => from is { } f && to is { } t ? Math.Round((t - f).TotalSeconds, 3) : null;
        var total = Seconds(b.ReceivedAt, b.CompletedAt);
        return new JsonObject
        {
            ["receivedAt"] = b.ReceivedAt, ["validationStartedAt"] = b.ValidationStartedAt, ["validatedAt"] = b.ValidatedAt,
            ["importStartedAt"] = b.ImportStartedAt, ["completedAt"] = b.CompletedAt,
            ["validationSeconds"] = Seconds(b.ValidationStartedAt, b.ValidatedAt), ["importSeconds"] = Seconds(b.ImportStartedAt, b.CompletedAt),
            ["totalSeconds"] = total, ["rowsPerSecond"] = total is > 0 && b.Rows is { } rows ? Math.Round(rows / total.Value, 1) : null,
        };
    }
}

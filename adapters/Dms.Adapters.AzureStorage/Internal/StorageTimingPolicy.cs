using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>
/// Diagnostics for a latency tail: at Debug, every storage call that took at least <see cref="SlowMilliseconds"/> and
/// every range query (the sweeps' whole-table scans on Azurite), with when it was sent, how long it took, its table
/// and its status. Off (one check per call) unless the category is enabled at Debug, e.g.
/// <c>Logging:LogLevel:Dms.Adapters.AzureStorage.Internal.StorageTimingPolicy=Debug</c>: a slow acknowledgement
/// can then be set against what the storage was answering at that moment.
/// </summary>
internal sealed partial class StorageTimingPolicy(ILogger<StorageTimingPolicy> logger) : HttpPipelinePolicy
{
    public const int SlowMilliseconds = 25;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
        {
            ProcessNext(message, pipeline);
            return;
        }

        var sent = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        ProcessNext(message, pipeline);
        Record(message, sent, started);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
        {
            await ProcessNextAsync(message, pipeline);
            return;
        }

        var sent = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        await ProcessNextAsync(message, pipeline);
        Record(message, sent, started);
    }

    private void Record(HttpMessage message, DateTimeOffset sent, long started)
    {
        var took = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var path = message.Request.Uri.Path;
        var query = message.Request.Method == RequestMethod.Get && !(path.EndsWith(')') && path.Contains("PartitionKey=", StringComparison.Ordinal));
        if (took < SlowMilliseconds && !query)
        {
            return;
        }

        // The table only: never a row's keys or the query's filter.
        var at = sent.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
        var table = Table(path);
        var status = message.HasResponse ? message.Response.Status : 0;
        var milliseconds = Math.Round(took, 1);
        LogCall(logger, at, milliseconds, message.Request.Method.Method, query ? "query" : "call", table, status);
    }

    internal static string Table(string path)
    {
        var name = path.TrimEnd('/').Split('/')[^1];
        var keys = name.IndexOf('(', StringComparison.Ordinal);
        return keys < 0 ? name : name[..keys];
    }

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "Storage {Method} {Kind} sent {Sent} took {Milliseconds} ms: {Table} → {Status}")]
    private static partial void LogCall(ILogger logger, string sent, double milliseconds, string method, string kind, string table, int status);
}

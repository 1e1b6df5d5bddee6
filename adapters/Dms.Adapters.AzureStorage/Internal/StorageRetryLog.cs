using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>
/// One line for each storage attempt the SDK's retry policy may send again: a network failure (connection reset, a
/// reused connection the server had closed, a timeout) or a 408 / 429 / 5xx answer. Each retry is a round trip
/// <see cref="StorageTrafficPolicy"/> counts towards the step (an OEM event at 1.05 batches instead of 1 is 5 % of
/// them sent twice), so the log says which tables and outcomes the extra trips come from. By table and outcome only,
/// never a row's keys; nothing is logged for calls that succeed or fail for good (404, 409, 412).
/// </summary>
internal sealed partial class StorageRetryLog(ILogger<StorageRetryLog> logger) : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            ProcessNext(message, pipeline);
        }
        catch (Exception ex) when (Log(message, ex))
        {
            throw;
        }

        Log(message, null);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        catch (Exception ex) when (Log(message, ex))
        {
            throw;
        }

        Log(message, null);
    }

    // Always false as an exception filter: the exception goes on to the retry policy untouched. A call its caller
    // cancelled is not sent again (the SDK's network timeout is a cancellation the caller did not ask for: it is).
    private bool Log(HttpMessage message, Exception? exception)
    {
        if (exception is OperationCanceledException && message.CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        var status = exception is null && message.HasResponse ? message.Response.Status : 0;
        if ((exception is null && status is not (408 or 429 or >= 500)) || !logger.IsEnabled(LogLevel.Information))
        {
            return false;
        }

        var outcome = exception is null ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : Chain(exception);
        var kind = StorageTrafficPolicy.TableKind(message.Request);
        var table = StorageTimingPolicy.Table(message.Request.Uri.Path);
        LogAttempt(logger, message.Request.Method.Method, kind, message.ProcessingContext.RetryNumber + 1, table, outcome);
        return false;
    }

    // The exception's type and its inner exceptions' (the transport wraps a dropped connection in RequestFailedException
    // status 0): types only — a message may carry the storage account's address.
    private static string Chain(Exception exception)
    {
        var types = new List<string>();
        for (Exception? e = exception; e is not null && types.Count < 4; e = e.InnerException)
        {
            types.Add(e.GetType().Name);
        }

        return string.Join(" ← ", types);
    }

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Storage {Method} {Kind} attempt {Attempt} failed, may be sent again: {Table} → {Outcome}")]
    private static partial void LogAttempt(ILogger logger, string method, string kind, int attempt, string table, string outcome);
}

using Azure;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>Failures that mean "storage is not answering right now" (the SDK wraps exhausted retries in an AggregateException).</summary>
internal static class StorageErrors
{
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RequestFailedException failed => failed.Status is 0 or 408 or >= 500,
        HttpRequestException or IOException or TimeoutException or TaskCanceledException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsUnavailable),
        _ => false,
    };
}

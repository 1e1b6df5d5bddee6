using Azure.Core;
using Azure.Core.Pipeline;
using Dms.Hub.Operations;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>Counts every request the Azure SDK sends (retries included) into <see cref="StorageTraffic"/>, by kind.</summary>
internal sealed class StorageTrafficPolicy(StorageTraffic traffic, string service) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) => traffic.Count(service == "table" ? TableKind(message.Request) : service);

    internal static string TableKind(Request request)
    {
        var path = request.Uri.Path;
        if (request.Method == RequestMethod.Get)
        {
            return path.EndsWith(')') && path.Contains("PartitionKey=", StringComparison.Ordinal) ? "table-read" : "table-query";
        }

        return request.Method == RequestMethod.Post && path.EndsWith("$batch", StringComparison.Ordinal) ? "table-batch" : "table-write";
    }
}

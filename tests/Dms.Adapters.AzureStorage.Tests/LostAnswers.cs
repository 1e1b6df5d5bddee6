using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Dms.Adapters.AzureStorage.Internal;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using Microsoft.Extensions.Options;

namespace Dms.Adapters.AzureStorage.Tests;

/// <summary>What the lost-answer tests share: the store's tables behind a policy that loses an answer, and a work row as stored.</summary>
internal static class LostAnswers
{
    public static TableSet Tables(StoreFixture fixture, HttpPipelinePolicy policy)
    {
        var options = fixture.Get<IOptions<AzureStorageOptions>>().Value;
        var clientOptions = new TableClientOptions();
        clientOptions.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(10);
        return new TableSet(new TableServiceClient(options.ConnectionString, clientOptions), options);
    }

    public static async Task<WorkItem?> FindWorkAsync(StoreFixture fixture, string id)
    {
        await foreach (var item in fixture.Get<IWorkStore>().ScanPendingAsync(default))
        {
            if (item.Id == id)
            {
                return item;
            }
        }

        return null;
    }
}

/// <summary>
/// Lets the first request <paramref name="matches"/> picks reach storage, then loses its answer (as a client timeout
/// does on a saturated Azurite); the SDK sends the request again.
/// </summary>
internal sealed class LoseFirstAnswer(Func<Request, bool> matches) : HttpPipelinePolicy
{
    /// <summary>An update of a work row (a lease).</summary>
    public static readonly Func<Request, bool> WorkRowUpdate = r => r.Method == RequestMethod.Put && r.Uri.ToString() is var uri
        && (uri.Contains("'w%7C", StringComparison.Ordinal) || uri.Contains("'w|", StringComparison.Ordinal));

    /// <summary>An entity-group transaction (a commit).</summary>
    public static readonly Func<Request, bool> Batch = r => r.Method == RequestMethod.Post && r.Uri.Path.EndsWith("$batch", StringComparison.Ordinal);

    public int Lost { get; private set; }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw new NotSupportedException();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        if (Lost == 0 && matches(message.Request))
        {
            Lost++;
            throw new IOException("The answer was lost (simulated timeout).");
        }
    }
}

using Azure.Core;
using Azure.Core.Pipeline;
using Dms.Hub.Storage;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>
/// At most <c>concurrency</c> storage calls of background flows (<see cref="StorageLane"/>) in flight at once, over every
/// table client of the process; other flows pass straight through. One gate per process, shared by all its clients;
/// with <c>concurrency</c> 0 it lets everything through.
/// </summary>
internal sealed class BackgroundGatePolicy(int concurrency) : HttpPipelinePolicy
{
    private readonly SemaphoreSlim? _slots = concurrency > 0 ? new SemaphoreSlim(concurrency, concurrency) : null;
    private int _waiting;

    /// <summary>Background calls waiting for a slot now (tests).</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (_slots is null || !StorageLane.IsBackground)
        {
            ProcessNext(message, pipeline);
            return;
        }

        Interlocked.Increment(ref _waiting);
        try
        {
            _slots.Wait(message.CancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            _slots.Release();
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (_slots is null || !StorageLane.IsBackground)
        {
            await ProcessNextAsync(message, pipeline);
            return;
        }

        Interlocked.Increment(ref _waiting);
        try
        {
            await _slots.WaitAsync(message.CancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        finally
        {
            _slots.Release();
        }
    }
}

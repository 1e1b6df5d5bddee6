using System.Collections.Concurrent;
using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Dms.Adapters.AzureStorage.Internal;
using Dms.Hub.Storage;

namespace Dms.Adapters.AzureStorage.Tests;

/// <summary>
/// The background gate: storage calls of background flows (<see cref="StorageLane"/>) beyond the limit wait for a
/// slot; every other call goes straight to storage. Storage here is an HTTP handler that holds each call until the
/// test lets it answer, so what is in flight is known exactly (no timing involved).
/// </summary>
public sealed class BackgroundGateTests
{
    [Fact]
    public async Task BackgroundCalls_BeyondTheLimit_WaitForASlot_OtherCallsPassStraightThrough()
    {
        var storage = new HeldStorage();
        var gate = new BackgroundGatePolicy(1);
        var pipeline = Pipeline(storage, gate);

        var background = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            using var lane = StorageLane.Background();
            await SendAsync(pipeline);
        })).ToList();
        await Until(() => storage.Arrived == 1 && gate.Waiting == 2);

        // An acknowledgement's call is not held back by the background calls waiting for the slot.
        var foreground = SendAsync(pipeline);
        await Until(() => storage.Arrived == 2);
        Assert.Equal(2, gate.Waiting);
        storage.AnswerNext(); // the first background call
        storage.AnswerNext(); // the foreground call
        await foreground;

        // Each background call that ends lets exactly one more through.
        await Until(() => storage.Arrived == 3 && gate.Waiting == 1);
        storage.AnswerNext();
        await Until(() => storage.Arrived == 4 && gate.Waiting == 0);
        storage.AnswerNext();
        await Task.WhenAll(background);
        Assert.Equal(1, storage.MaxInFlightBackground);
    }

    [Fact]
    public async Task NoLimit_EveryBackgroundCallGoesThrough()
    {
        var storage = new HeldStorage();
        var gate = new BackgroundGatePolicy(0);
        var pipeline = Pipeline(storage, gate);

        var background = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            using var lane = StorageLane.Background();
            await SendAsync(pipeline);
        })).ToList();
        await Until(() => storage.Arrived == 3);

        Assert.Equal(0, gate.Waiting);
        for (var i = 0; i < 3; i++)
        {
            storage.AnswerNext();
        }

        await Task.WhenAll(background);
    }

    [Fact]
    public async Task Lane_FlowsIntoWhatTheMarkedCodeStarts_AndEndsWithItsScope()
    {
        Assert.False(StorageLane.IsBackground);
        using (StorageLane.Background())
        {
            Assert.True(await Task.Run(() => StorageLane.IsBackground));
        }

        Assert.False(StorageLane.IsBackground);
        Assert.False(await Task.Run(() => StorageLane.IsBackground));
    }

    private static HttpPipeline Pipeline(HeldStorage storage, BackgroundGatePolicy gate)
    {
        var options = new Options { Transport = new HttpClientTransport(new HttpClient(storage)) };
        options.Retry.MaxRetries = 0;
        return HttpPipelineBuilder.Build(options, gate, new LaneRecorder(storage));
    }

    private static async Task SendAsync(HttpPipeline pipeline)
    {
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(new Uri("http://127.0.0.1:1/devstoreaccount1/documents"));
        await pipeline.SendAsync(message, CancellationToken.None);
        Assert.Equal(200, message.Response.Status);
    }

    /// <summary>Waits for a state the calls reach on their own; fails (instead of hanging) if they never do.</summary>
    private static async Task Until(Func<bool> reached)
    {
        for (var i = 0; i < 1000 && !reached(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(reached());
    }

    private sealed class Options : ClientOptions;

    /// <summary>Notes whether each call that passed the gate came from a background flow.</summary>
    private sealed class LaneRecorder(HeldStorage storage) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => storage.Sending(StorageLane.IsBackground);
    }

    /// <summary>Storage that answers each call only when told to, oldest first.</summary>
    private sealed class HeldStorage : HttpMessageHandler
    {
        private readonly ConcurrentQueue<TaskCompletionSource> _held = new();
        private int _arrived;
        private int _background;
        private int _maxBackground;

        public int Arrived => Volatile.Read(ref _arrived);

        public int MaxInFlightBackground
        {
            get
            {
                lock (_held)
                {
                    return _maxBackground;
                }
            }
        }

        public void Sending(bool background)
        {
            if (background)
            {
                lock (_held)
                {
                    _maxBackground = Math.Max(_maxBackground, ++_background);
                }
            }
        }

        public void AnswerNext()
        {
            Assert.True(_held.TryDequeue(out var next));
            next.SetResult();
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _held.Enqueue(answer);
            Interlocked.Increment(ref _arrived);
            await answer.Task;
            if (StorageLane.IsBackground)
            {
                lock (_held)
                {
                    _background--;
                }
            }

            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}

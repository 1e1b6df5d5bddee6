using System.Diagnostics;
using Dms.Testing;

namespace Dms.DealerSimulator;

/// <summary>
/// One run: register a fleet, let <see cref="SimulationOptions.Concurrency"/> senders submit the documents of
/// <see cref="Mix.Journey"/> per vehicle (or invalid documents) until the target count, paced to the target rate, then
/// wait for the claims' decisions to come back. Prints a progress line while it runs.
/// </summary>
public sealed class Simulation(SimulationOptions options, TextWriter progress) : IAsyncDisposable
{
    private DecisionInbox? _inbox;
    private readonly Recorder _recorder = new();
    private long _reserved;
    private long _started;

    public Recorder Recorder => _recorder;

    /// <summary>The registered fleet (available once the run has started).</summary>
    public IReadOnlyList<SimDealer> Dealers { get; private set; } = [];

    public async Task<SimulationResult> RunAsync(CancellationToken cancellationToken = default)
    {
        using var hub = new HttpClient { BaseAddress = new Uri(options.HubUrl), Timeout = TimeSpan.FromSeconds(30) };
        // The inbox outlives the run (until disposed): notifications keep coming while a caller reconciles.
        var inbox = _inbox ??= await DecisionInbox.StartAsync(options.ListenHost);
        var dealers = Dealers = await Fleet.RegisterAsync(options, inbox, hub);
        progress.WriteLine($"Registered {dealers.Count} dealers ({dealers.Count(d => d.Channel is SoapChannel)} over SOAP); decisions to {inbox.Address}");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _started = Stopwatch.GetTimestamp();
        var printer = PrintProgressAsync(inbox, stop.Token);
        var pacer = new Pacer(options.Rate);
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(i => SendAsync(dealers, i, pacer, cancellationToken)));
        var intakeSeconds = Stopwatch.GetElapsedTime(_started, Math.Max(_recorder.LastAnswerAt, _started + 1)).TotalSeconds;

        var claims = _recorder.AcceptedDocuments.Where(d => Mix.Get(d.DocumentType).AwaitsDecision).ToList();
        var waitUntil = Stopwatch.GetTimestamp() + (long)(options.DecisionWaitSeconds * Stopwatch.Frequency);
        while (claims.Any(c => !inbox.TryGetDecision(c.TrackingId, out _)) && Stopwatch.GetTimestamp() < waitUntil)
        {
            await Task.Delay(200, cancellationToken);
        }

        await stop.CancelAsync();
        await printer;
        PrintLine(inbox);
        return SimulationResult.From(options, _recorder, inbox, claims, intakeSeconds, dealers);
    }

    public async ValueTask DisposeAsync()
    {
        if (_inbox is not null)
        {
            await _inbox.DisposeAsync();
        }
    }

    private async Task SendAsync(IReadOnlyList<SimDealer> dealers, int worker, Pacer pacer, CancellationToken cancellationToken)
    {
        var random = new Random(worker * 7919 + Environment.TickCount);
        var journey = Mix.Of(options.Types);
        while (!cancellationToken.IsCancellationRequested)
        {
            var dealer = dealers[random.Next(dealers.Count)];
            var vehicle = new MixVehicle(TestDocuments.NewVin(), dealer.Brand);
            if (random.NextDouble() < options.InvalidShare)
            {
                // An invalid document: broken for its schema, or for a VIN with no history (its rules refuse it).
                if (await SubmitOneAsync(dealer, journey[random.Next(journey.Count)], vehicle, invalid: true, pacer, random, cancellationToken) is null)
                {
                    return;
                }

                continue;
            }

            // A vehicle's documents in order: each only makes sense once the one before it is on record.
            foreach (var type in journey)
            {
                var answer = await SubmitOneAsync(dealer, type, vehicle, invalid: false, pacer, random, cancellationToken);
                if (answer is null)
                {
                    return;
                }

                if (answer.Kind != AnswerKind.Accepted)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Submits one document (retrying what is retryable with the same key); null once the target count is reached.</summary>
    private async Task<Answer?> SubmitOneAsync(SimDealer dealer, MixEntry type, MixVehicle vehicle, bool invalid, Pacer pacer, Random random, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _reserved) > options.Documents)
        {
            return null;
        }

        await pacer.WaitAsync(cancellationToken);
        var channel = dealer.ChannelFor(type);
        var document = channel.Prepare(type, vehicle, invalid);
        _recorder.Submitting();
        var started = Stopwatch.GetTimestamp();
        var answer = await SubmitWithRetriesAsync(channel, document, cancellationToken);
        _recorder.Answered(dealer, channel, document, answer, started);
        if (answer is { Kind: AnswerKind.Accepted, TrackingId: { } trackingId } && random.NextDouble() < options.DuplicateShare)
        {
            _recorder.DuplicateAnswered(trackingId, await SubmitWithRetriesAsync(channel, document, cancellationToken));
        }

        return answer;
    }

    private async Task<Answer> SubmitWithRetriesAsync(IDealerChannel channel, PreparedDocument document, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(options.RetryWindowSeconds * Stopwatch.Frequency);
        for (var attempt = 1; ; attempt++)
        {
            var answer = await channel.SubmitAsync(document, cancellationToken);
            if (!answer.Retryable || Stopwatch.GetTimestamp() > deadline)
            {
                return answer;
            }

            _recorder.Retrying(answer.ErrorKind ?? "failed");
            var backoff = answer.RetryAfter ?? TimeSpan.FromMilliseconds(Math.Min(2000, 100 * attempt));
            await Task.Delay(backoff, cancellationToken);
        }
    }

    private async Task PrintProgressAsync(DecisionInbox inbox, CancellationToken cancellationToken)
    {
        if (options.ProgressSeconds <= 0)
        {
            return;
        }

        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(options.ProgressSeconds), cancellationToken);
                PrintLine(inbox);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void PrintLine(DecisionInbox inbox)
    {
        var seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        progress.WriteLine(FormattableString.Invariant(
            $"[{seconds,6:F1}s] submitted {_recorder.Submitted,6}  accepted {_recorder.Accepted,6} ({_recorder.Accepted / Math.Max(seconds, 0.001),6:F1}/s)  refused {_recorder.Refused,4}  errors {_recorder.Errors,3}  retries {_recorder.RetriesByKind.Values.Sum(),4}  decisions {inbox.Decisions,6}  notifications {inbox.Notifications,7}"));
    }
}

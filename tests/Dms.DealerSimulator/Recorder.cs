using System.Collections.Concurrent;
using System.Diagnostics;

namespace Dms.DealerSimulator;

/// <summary>A document the hub acknowledged, kept for decision timing and for reconciliation against the hub.</summary>
public sealed record AcceptedDocument(string TrackingId, string DealerCode, string DocumentType, string Channel, long AcceptedAt);

/// <summary>One acknowledgement as the dealer timed it: what was sent, over which channel, when (UTC) and how long it took.</summary>
public sealed record AckSample(string DocumentType, string Channel, bool Invalid, AnswerKind Kind, DateTimeOffset StartedAtUtc, double Milliseconds);

/// <summary>Thread-safe tallies of a run: outcomes, latencies, errors and retries by kind.</summary>
public sealed class Recorder
{
    private readonly ConcurrentDictionary<string, AcceptedDocument> _accepted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _retries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _refusals = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<AckSample> _acks = new();
    private long _submitted;
    private long _duplicatesSent;
    private long _duplicatesReplayed;
    private long _lastAnswerAt;

    public long Submitted => Interlocked.Read(ref _submitted);

    public int Accepted => _accepted.Count;

    public long Refused => _refusals.Values.Sum();

    public long Errors => _errors.Values.Sum();

    public long DuplicatesSent => Interlocked.Read(ref _duplicatesSent);

    public long DuplicatesReplayed => Interlocked.Read(ref _duplicatesReplayed);

    public long LastAnswerAt => Interlocked.Read(ref _lastAnswerAt);

    public IReadOnlyCollection<AcceptedDocument> AcceptedDocuments => [.. _accepted.Values];

    public IReadOnlyDictionary<string, long> ErrorsByKind => new SortedDictionary<string, long>(_errors, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> RetriesByKind => new SortedDictionary<string, long>(_retries, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> RefusalsByCode => new SortedDictionary<string, long>(_refusals, StringComparer.Ordinal);

    public double[] AckMilliseconds => [.. _acks.Select(a => a.Milliseconds)];

    /// <summary>Every timed acknowledgement with what it was for (to tell where a latency tail comes from).</summary>
    public IReadOnlyList<AckSample> Acks => [.. _acks];

    public void Submitting() => Interlocked.Increment(ref _submitted);

    public void Retrying(string kind) => _retries.AddOrUpdate(kind, 1, (_, n) => n + 1);

    public void Error(string kind) => _errors.AddOrUpdate(kind, 1, (_, n) => n + 1);

    /// <summary>The final answer to a first submission, <paramref name="startedAt"/> being its first attempt.</summary>
    public void Answered(SimDealer dealer, IDealerChannel channel, PreparedDocument document, Answer answer, long startedAt)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Exchange(ref _lastAnswerAt, now);
        if (answer.Kind == AnswerKind.Failed)
        {
            Error(answer.ErrorKind ?? "failed");
            return;
        }

        var milliseconds = Stopwatch.GetElapsedTime(startedAt, now).TotalMilliseconds;
        _acks.Enqueue(new AckSample(document.DocumentType, channel.Name, document.Invalid, answer.Kind, DateTimeOffset.UtcNow.AddMilliseconds(-milliseconds), milliseconds));
        switch (answer.Kind, document.Invalid)
        {
            case (AnswerKind.Accepted, false) when answer.TrackingId is { } trackingId:
                _accepted.TryAdd(trackingId, new AcceptedDocument(trackingId, dealer.Code, document.DocumentType, channel.Name, now));
                break;
            case (AnswerKind.Accepted, true):
                Error("invalid-document-accepted");
                break;
            case (AnswerKind.Refused, true):
                _refusals.AddOrUpdate(answer.ErrorKind ?? "refused", 1, (_, n) => n + 1);
                break;
            default:
                Error("valid-document-refused:" + answer.ErrorKind);
                break;
        }
    }

    /// <summary>The answer to a deliberate resend: it must replay the original acknowledgement.</summary>
    public void DuplicateAnswered(string originalTrackingId, Answer answer)
    {
        Interlocked.Increment(ref _duplicatesSent);
        if (answer.Kind == AnswerKind.Accepted && answer.TrackingId == originalTrackingId && answer.Replayed)
        {
            Interlocked.Increment(ref _duplicatesReplayed);
        }
        else
        {
            Error(answer.Kind == AnswerKind.Failed ? "duplicate-failed:" + answer.ErrorKind : "duplicate-not-replayed");
        }
    }
}

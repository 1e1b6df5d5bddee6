using System.Threading.Channels;
using Dms.Hub.Workflow;

namespace Dms.Hub.Insights;

/// <summary>
/// In-process nudges: the documents this process committed, so its projector reaches them without scanning. Only a
/// shortcut — when full, nudges are dropped and the periodic scan of the change feed finds those documents.
/// </summary>
public sealed class ChangeSignal
{
    private readonly Channel<ChangeNudge> _channel = Channel.CreateBounded<ChangeNudge>(new BoundedChannelOptions(20_000)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    public void Changed(ChangeNudge nudge) => _channel.Writer.TryWrite(nudge);

    /// <summary>Takes what is waiting, up to <paramref name="max"/> distinct documents (the newest nudge of each).</summary>
    public IReadOnlyList<ChangeNudge> Drain(int max)
    {
        var nudges = new Dictionary<string, ChangeNudge>(StringComparer.Ordinal);
        while (nudges.Count < max && _channel.Reader.TryRead(out var nudge))
        {
            if (!nudges.TryGetValue(nudge.Key.TrackingId, out var seen) || seen.Revision <= nudge.Revision)
            {
                nudges[nudge.Key.TrackingId] = nudge;
            }
        }

        return [.. nudges.Values];
    }

    public Task<bool> WaitAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken).AsTask();
}

/// <summary>
/// "This process committed <paramref name="Revision"/> of the document": with the ETag of the change-feed marker that
/// commit wrote, the projector knows the marker without reading it (and completes it under that ETag, which fails
/// harmlessly when the document changed again meanwhile).
/// </summary>
public sealed record ChangeNudge(DocumentKey Key, int Revision, string? MarkerETag);

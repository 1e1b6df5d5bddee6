using System.Threading.Channels;
using Dms.Hub.Workflow;

namespace Dms.Hub.Insights;

/// <summary>
/// In-process nudges: the documents this process committed, so its projector reaches them without scanning. Only a
/// shortcut — when full, nudges are dropped and the periodic scan of the change feed finds those documents.
/// </summary>
public sealed class ChangeSignal
{
    private readonly Channel<DocumentKey> _channel = Channel.CreateBounded<DocumentKey>(new BoundedChannelOptions(20_000)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    public void Changed(DocumentKey key) => _channel.Writer.TryWrite(key);

    /// <summary>Takes what is waiting, up to <paramref name="max"/> distinct documents.</summary>
    public IReadOnlyList<DocumentKey> Drain(int max)
    {
        var keys = new HashSet<DocumentKey>();
        while (keys.Count < max && _channel.Reader.TryRead(out var key))
        {
            keys.Add(key);
        }

        return [.. keys];
    }

    public Task<bool> WaitAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken).AsTask();
}

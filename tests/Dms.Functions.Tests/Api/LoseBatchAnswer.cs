using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Dms.Functions.Tests.Api;

/// <summary>
/// When armed: lets the sends of the next entity-group transaction naming all the given texts reach storage, then loses
/// the answers of the first <c>times</c> of them (as a client timeout does; the SDK sends the transaction again).
/// </summary>
public sealed class LoseBatchAnswer : HttpPipelinePolicy
{
    private readonly Lock _gate = new();
    private string[]? _armed;
    private int _times;

    public bool Lost { get; private set; }

    public void Arm(int times, params string[] texts)
    {
        lock (_gate)
        {
            (_armed, _times, Lost) = (texts, times, false);
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw new NotSupportedException();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var texts = _armed;
        var target = texts is not null && message.Request.Method == RequestMethod.Post && message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal)
            && await ContainsAllAsync(message.Request, texts);
        await ProcessNextAsync(message, pipeline);
        if (target && Take(texts!))
        {
            throw new IOException("The answer was lost (simulated timeout).");
        }
    }

    private bool Take(string[] texts)
    {
        lock (_gate)
        {
            if (_armed != texts || _times == 0)
            {
                return false;
            }

            Lost = true;
            if (--_times == 0)
            {
                _armed = null;
            }

            return true;
        }
    }

    private static async Task<bool> ContainsAllAsync(Azure.Core.Request request, string[] texts)
    {
        using var copy = new MemoryStream();
        await request.Content!.WriteToAsync(copy, default);
        var body = Encoding.UTF8.GetString(copy.ToArray());
        return texts.All(t => body.Contains(t, StringComparison.Ordinal));
    }
}

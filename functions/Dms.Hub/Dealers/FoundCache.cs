using System.Collections.Concurrent;

namespace Dms.Hub.Dealers;

/// <summary>
/// Keeps what storage found for <c>ttl</c>, never what it did not find: a key, dealer or password registered a moment
/// ago (on this instance or another) works at once, and guessing keys cannot fill the cache. A change made here
/// (rotation, revocation) takes effect here at once; other instances see it within <c>ttl</c>.
/// </summary>
internal sealed class FoundCache<T>(TimeSpan ttl, TimeProvider clock)
    where T : class
{
    private readonly ConcurrentDictionary<string, (T Value, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    public async ValueTask<T?> GetAsync(string key, Func<string, CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(key, out var cached) && cached.Until > now)
        {
            return cached.Value;
        }

        var value = await load(key, cancellationToken);
        if (value is null)
        {
            _entries.TryRemove(key, out _);
        }
        else if (ttl > TimeSpan.Zero)
        {
            _entries[key] = (value, now + ttl);
        }

        return value;
    }

    public void Remove(string key) => _entries.TryRemove(key, out _);
}

using Microsoft.Extensions.Options;

namespace Dms.Hub.Tests;

/// <summary>A fixed options value for rules that read <see cref="IOptionsMonitor{TOptions}"/>.</summary>
internal sealed class TestOptions<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}

namespace Dms.Hub.Storage;

/// <summary>Port: a cheap check that a dependency answers (readiness).</summary>
public interface IHealthProbe
{
    string Name { get; }

    Task<bool> IsHealthyAsync(CancellationToken cancellationToken);
}

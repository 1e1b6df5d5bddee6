namespace Dms.Hub.Work;

/// <summary>Port: housekeeping run on a timer — by the standalone host, or by a timer function in Azure.</summary>
public interface IScheduledJob
{
    string Name { get; }

    Task RunAsync(CancellationToken cancellationToken);
}

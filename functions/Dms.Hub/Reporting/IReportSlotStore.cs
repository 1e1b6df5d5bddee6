namespace Dms.Hub.Reporting;

/// <summary>Port: reporting slots, one per report kind × period × dealer, and the calendar job's progress per kind.</summary>
public interface IReportSlotStore
{
    /// <summary>Adds the slots that do not exist yet; existing ones are left exactly as they are (idempotent).</summary>
    Task AddExpectedAsync(IReadOnlyList<ReportSlot> slots, CancellationToken cancellationToken);

    Task<ReportSlot?> GetAsync(string kind, string period, string dealerCode, CancellationToken cancellationToken);

    /// <summary>Adds (no ETag) or replaces under its ETag; false when someone else changed or added it meanwhile.</summary>
    Task<bool> TryWriteAsync(ReportSlot slot, CancellationToken cancellationToken);

    /// <summary>Every dealer's slot for one kind and period.</summary>
    Task<IReadOnlyList<ReportSlot>> ListAsync(string kind, string period, CancellationToken cancellationToken);

    /// <summary>Every dealer's slot for each of these kinds and periods, in one read (the overview's late-reports tile).</summary>
    Task<IReadOnlyList<ReportSlot>> ListAsync(IReadOnlyList<(string Kind, string Period)> periods, CancellationToken cancellationToken);

    /// <summary>The last period for which the job created every slot, per kind.</summary>
    Task<string?> GetWatermarkAsync(string kind, CancellationToken cancellationToken);

    Task SetWatermarkAsync(string kind, string period, CancellationToken cancellationToken);
}

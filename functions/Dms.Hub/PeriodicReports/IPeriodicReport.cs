namespace Dms.Hub.PeriodicReports;

/// <summary>What every periodic report has: the period, the version (a newer one supersedes), zero report and lines.</summary>
public interface IPeriodicReport
{
    string Period { get; }

    int Version { get; }

    /// <summary>An explicit "nothing to report this period" (no lines).</summary>
    bool? ZeroReport { get; }

    /// <summary>
    /// How many lines the dealer's source report had (a control total). When more than <see cref="LineCount"/>, lines
    /// were left out for errors — possible only where the kind allows it — and the version is PartiallyAccepted.
    /// </summary>
    int? DeclaredLines { get; }

    int LineCount { get; }

    /// <summary>What makes a line unique within the report (model and sale type, VIN, account).</summary>
    IEnumerable<string> LineKeys();
}

using System.ComponentModel.DataAnnotations;

namespace Dms.Hub.Operations.Alerts;

/// <summary>When the hub alerts about itself (section <c>Dms:TechnicalAlerts</c>).</summary>
public sealed class TechnicalAlertOptions
{
    public const string Section = "Dms:TechnicalAlerts";

    /// <summary>The oldest undelivered document may wait this long before BACKLOG_AGE is raised.</summary>
    [Range(1, 10_080)]
    public int BacklogMinutes { get; set; } = 15;

    /// <summary>The counters may fall this far behind the documents before PROJECTION_LAG is raised.</summary>
    [Range(1, 1440)]
    public int ProjectionLagMinutes { get; set; } = 5;

    /// <summary>An alert cleared less than this long ago reopens its episode instead of starting a new one (no flapping).</summary>
    [Range(0, 1440)]
    public int ThrottleMinutes { get; set; } = 10;

    /// <summary>How often the conditions are evaluated (the local loop; in Azure the console timer function).</summary>
    [Range(5, 3600)]
    public int IntervalSeconds { get; set; } = 30;
}

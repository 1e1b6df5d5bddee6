using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Dms.Hub.Common;

/// <summary>The hub's traces and metrics (OpenTelemetry listens to the source and meter named <see cref="Name"/>).</summary>
public sealed class HubTelemetry
{
    public const string Name = "Dms.Hub";

    public static readonly ActivitySource Source = new(Name);

    public HubTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        Submissions = meter.CreateCounter<long>("dms.documents.submissions", description: "Submissions by document type and result.");
        Deliveries = meter.CreateCounter<long>("dms.deliveries", description: "Outbound delivery attempts by destination and outcome.");
        DeliveryDuration = meter.CreateHistogram<double>("dms.delivery.duration", unit: "ms", description: "Outbound call duration.");
        WorkOutcomes = meter.CreateCounter<long>("dms.work.outcomes", description: "Work item runs by kind and outcome.");
        Notifications = meter.CreateCounter<long>("dms.notifications", description: "Dealer notifications by channel and outcome.");
    }

    public Counter<long> Submissions { get; }

    public Counter<long> Deliveries { get; }

    public Histogram<double> DeliveryDuration { get; }

    public Counter<long> WorkOutcomes { get; }

    public Counter<long> Notifications { get; }
}

using System.Text.Json.Serialization;

namespace Dms.Hub.PartsOrders.Lines;

/// <summary>
/// One order line as the hub tracks it: the ordered quantity split into buckets, each unit in exactly one.
/// Open units are unacknowledged or allocated (accepted, backordered, substituted — with depot and dates); settled
/// units are cancelled, shipped (in transit), received, discrepant (reported on receipt, awaiting the OEM) or credited.
/// The invariant Σ buckets = ordered holds after every change (<see cref="Balances"/>).
/// </summary>
public sealed record LineState
{
    public required int LineNumber { get; init; }

    public required string PartNumber { get; init; }

    public required int Ordered { get; init; }

    public int Unacknowledged { get; set; }

    /// <summary>Accepted, backordered and substituted units not yet shipped.</summary>
    public List<Allocation> Allocations { get; set; } = [];

    public List<Cancellation> Cancellations { get; set; } = [];

    /// <summary>Shipped and not yet received (in transit).</summary>
    public int Shipped { get; set; }

    public int Received { get; set; }

    /// <summary>Reported short, damaged or wrong on receipt and not yet resolved by the OEM.</summary>
    public int Discrepant { get; set; }

    public int Credited { get; set; }

    /// <summary>Backordered units the dealer asked to cancel, waiting for the depot's answer.</summary>
    public int BackorderCancelRequested { get; set; }

    /// <summary>The buckets, for views and invariant checks.</summary>
    public Buckets Buckets => new(
        Unacknowledged, Sum(Allocations, AllocationStatus.Accepted), Sum(Allocations, AllocationStatus.Backordered), Sum(Allocations, AllocationStatus.Substituted),
        Cancellations.Sum(c => c.Quantity), Shipped, Received, Discrepant, Credited);

    /// <summary>Units still with the depot (not yet acknowledged, or allocated and not shipped): what an acknowledgement of the line accounts for.</summary>
    [JsonIgnore]
    public int Open => Unacknowledged + Allocations.Sum(a => a.Quantity);

    [JsonIgnore]
    public int Backordered => Sum(Allocations, AllocationStatus.Backordered);

    [JsonIgnore]
    public bool Balances => Buckets.Total == Ordered && Buckets.AllNonNegative && Allocations.All(a => a.Quantity > 0);

    public static LineState Initial(int lineNumber, string partNumber, int ordered) =>
        new() { LineNumber = lineNumber, PartNumber = partNumber, Ordered = ordered, Unacknowledged = ordered };

    public LineState Copy() => this with
    {
        Allocations = [.. Allocations.Select(a => a with { })],
        Cancellations = [.. Cancellations],
    };

    private static int Sum(List<Allocation> allocations, AllocationStatus status) => allocations.Where(a => a.Status == status).Sum(a => a.Quantity);
}

/// <summary>The quantity buckets of one line; <see cref="Total"/> equals the ordered quantity.</summary>
public sealed record Buckets(int Unacknowledged, int Accepted, int Backordered, int Substituted, int Cancelled, int Shipped, int Received, int Discrepant, int Credited)
{
    public int Total => Unacknowledged + Accepted + Backordered + Substituted + Cancelled + Shipped + Received + Discrepant + Credited;

    [JsonIgnore]
    public bool AllNonNegative => new[] { Unacknowledged, Accepted, Backordered, Substituted, Cancelled, Shipped, Received, Discrepant, Credited }.All(q => q >= 0);
}

public enum AllocationStatus
{
    Accepted,
    Backordered,
    Substituted,
}

/// <summary>Open units of a line with the depot's plan for them.</summary>
public sealed record Allocation
{
    public required AllocationStatus Status { get; init; }

    public required int Quantity { get; set; }

    public string? Depot { get; init; }

    public DateOnly? PromisedShipDate { get; init; }

    public DateOnly? ExpectedShipDate { get; init; }

    /// <summary>Substituted: the part the depot supplies instead.</summary>
    public string? PartNumber { get; init; }
}

/// <summary>Units cancelled for good, by whom and why.</summary>
public sealed record Cancellation(int Quantity, string By, string? ReasonCode, DateTimeOffset At);

using System.Text.Json;
using System.Text.Json.Serialization;
using Dms.Hub.Common;
using Dms.Hub.Workflow;

namespace Dms.Hub.PartsOrders.Lines;

/// <summary>
/// Everything the hub tracks on a parts order beyond its body, kept in the document's OEM data
/// (schemas/parts-order-state.v1.schema.json): line buckets, acknowledgements, shipments with their receipts,
/// discrepancies and backorder cancellations. Read, changed on a copy, checked, then written back whole.
/// </summary>
public sealed record OrderState
{
    public List<LineState> Lines { get; init; } = [];

    /// <summary>Full, Partial or Rejected: the depot's latest overall answer.</summary>
    public string? AckKind { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public List<AcknowledgementRecord> Acknowledgements { get; init; } = [];

    public List<Shipment> Shipments { get; init; } = [];

    public List<Discrepancy> Discrepancies { get; init; } = [];

    public List<BackorderCancelRequest> BackorderCancellations { get; init; } = [];

    /// <summary>The state of <paramref name="document"/>; lines nobody has answered yet start unacknowledged.</summary>
    public static OrderState Read(DocumentRecord document, PartsOrder order)
    {
        var state = document.Oem.Deserialize<OrderState>(HubJson.Options) ?? new OrderState();
        var lines = state.Lines.ToDictionary(l => l.LineNumber);
        var all = order.Lines.Select(l => lines.TryGetValue(l.LineNumber, out var known) ? known : LineState.Initial(l.LineNumber, l.PartNumber, l.Quantity)).ToList();
        return state with { Lines = all };
    }

    /// <summary>Writes this state into <paramref name="document"/>'s OEM data, beside what other parts of the hub keep there.</summary>
    public void Write(DocumentRecord document)
    {
        var node = JsonSerializer.SerializeToNode(this, HubJson.Options)!.AsObject();
        foreach (var (name, value) in node.ToList())
        {
            node.Remove(name);
            document.Oem[name] = value;
        }
    }

    public OrderState Copy() => this with
    {
        Lines = [.. Lines.Select(l => l.Copy())],
        Acknowledgements = [.. Acknowledgements],
        Shipments = [.. Shipments.Select(s => s with { Lines = [.. s.Lines.Select(l => l with { })] })],
        Discrepancies = [.. Discrepancies.Select(d => d with { })],
        BackorderCancellations = [.. BackorderCancellations.Select(c => c with { })],
    };

    public LineState? Line(int lineNumber) => Lines.Find(l => l.LineNumber == lineNumber);

    public Buckets Totals => Lines.Select(l => l.Buckets).Aggregate(new Buckets(0, 0, 0, 0, 0, 0, 0, 0, 0), (a, b) => new(
        a.Unacknowledged + b.Unacknowledged, a.Accepted + b.Accepted, a.Backordered + b.Backordered, a.Substituted + b.Substituted,
        a.Cancelled + b.Cancelled, a.Shipped + b.Shipped, a.Received + b.Received, a.Discrepant + b.Discrepant, a.Credited + b.Credited));

    [JsonIgnore]
    public bool Balances => Lines.All(l => l.Balances);
}

/// <summary>One acknowledgement as received: its ID (a repeat is a duplicate), when, and which lines it answered.</summary>
public sealed record AcknowledgementRecord(string? AcknowledgementId, DateTimeOffset ReceivedAt, string Kind, IReadOnlyList<int> Lines);

/// <summary>A ship notice, and the dealer's receipt of it once recorded.</summary>
public sealed record Shipment
{
    public required string ShipmentId { get; init; }

    public string? Carrier { get; init; }

    public string? TrackingNumber { get; init; }

    public required DateOnly ShipDate { get; init; }

    public DateOnly? Eta { get; init; }

    public string? Depot { get; init; }

    public List<ShipmentLine> Lines { get; init; } = [];

    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>The day the dealer received it; null until the receipt is recorded.</summary>
    public DateOnly? ReceivedOn { get; set; }

    public DateTimeOffset? ReceiptRecordedAt { get; set; }
}

public sealed record ShipmentLine
{
    public required int LineNumber { get; init; }

    public required string PartNumber { get; init; }

    public required int Quantity { get; init; }

    public bool TagOn { get; init; }

    /// <summary>After the receipt: units received in good order.</summary>
    public int? Received { get; set; }
}

/// <summary>A receipt discrepancy, reported to the OEM and resolved by it.</summary>
public sealed record Discrepancy
{
    public required string DiscrepancyId { get; init; }

    public required string ShipmentId { get; init; }

    public required int LineNumber { get; init; }

    /// <summary>Short, Over, Damaged or WrongPart.</summary>
    public required string Kind { get; init; }

    public required int Quantity { get; init; }

    public string? PartNumberReceived { get; init; }

    public string? Note { get; init; }

    public DateTimeOffset ReportedAt { get; init; }

    /// <summary>Open or Resolved.</summary>
    public string Status { get; set; } = Open;

    public DiscrepancyResolution? Resolution { get; set; }

    public const string Open = "Open";
    public const string Resolved = "Resolved";
}

public sealed record DiscrepancyResolution(string Outcome, string? CreditMemo, DateOnly? PromisedShipDate, string? Note, DateTimeOffset ResolvedAt);

/// <summary>A dealer's request to cancel backordered units of one line, and the depot's answer.</summary>
public sealed record BackorderCancelRequest
{
    public required int LineNumber { get; init; }

    public required int Quantity { get; init; }

    public required string Reason { get; init; }

    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>Requested, Confirmed or Refused.</summary>
    public string Status { get; set; } = Requested;

    public int? Cancelled { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    public IReadOnlyList<string>? ReasonCodes { get; set; }

    public const string Requested = "Requested";
    public const string Confirmed = "Confirmed";
    public const string Refused = "Refused";
}

namespace Dms.Hub.Workflow;

/// <summary>One outbound message of a document to one destination, and how its delivery went.</summary>
public sealed class DeliveryRecord
{
    /// <summary><c>{message}-{contentVersion}@{destination}</c>; with the tracking ID it forms the Idempotency-Key.</summary>
    public required string Id { get; init; }

    public required string Destination { get; init; }

    public required string MessageType { get; init; }

    public int ContentVersion { get; init; }

    public string Status { get; set; } = DeliveryStatus.Pending;

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public string? OemReference { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Waiting for an earlier message to the same destination; woken when that one settles.</summary>
    public bool Parked { get; set; }

    /// <summary>What the dealer said with the command that caused this message (reason, comment), if anything.</summary>
    public System.Text.Json.Nodes.JsonObject? Details { get; init; }

    public static string MakeId(string messageType, int contentVersion, string destination) =>
        $"{messageType}-{contentVersion}@{destination}";
}

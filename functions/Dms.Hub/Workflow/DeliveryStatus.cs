namespace Dms.Hub.Workflow;

public static class DeliveryStatus
{
    public const string Pending = "Pending";
    public const string Delivered = "Delivered";
    public const string Failed = "Failed";
    public const string DeadLettered = "DeadLettered";
}

using System.ComponentModel.DataAnnotations;

namespace Dms.Hub.RetailDeliveries;

/// <summary>Retail reporting policy (section <c>Dms:Documents:RetailDeliveryReport</c>).</summary>
public sealed class RetailDeliveryOptions
{
    public const string Section = "Dms:Documents:RetailDeliveryReport";

    public bool RequireVinCheckDigit { get; set; } = true;

    /// <summary>Unwinds older than this many days need the OEM's approval.</summary>
    [Range(0, 3650)]
    public int UnwindApprovalDays { get; set; } = 90;
}

namespace Dms.Hub.Common;

/// <summary>An amount in integer minor units (cents, fen) with its ISO 4217 currency.</summary>
/// <remarks>Never a decimal: Azure Tables has no decimal type and the SDK loses precision silently.</remarks>
public sealed record Money(long Amount, string Currency);

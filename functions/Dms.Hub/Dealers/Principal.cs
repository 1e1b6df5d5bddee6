namespace Dms.Hub.Dealers;

/// <summary>An authenticated caller: a dealer (with its code), the OEM, or an operator.</summary>
public sealed record Principal(string Id, PrincipalRole Role)
{
    public string? DealerCode => Role == PrincipalRole.Dealer ? Id : null;
}

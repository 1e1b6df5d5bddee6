namespace Dms.Hub.Dealers;

/// <summary>The part of the dealer network an HQ user may see: every region (<see cref="Region"/> null) or one.</summary>
public sealed record HqScope(string UserId, string? Region)
{
    public bool Covers(Dealer dealer) => Covers(dealer.Region);

    public bool Covers(string region) => Region is null || string.Equals(Region, region, StringComparison.OrdinalIgnoreCase);
}

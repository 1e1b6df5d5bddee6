namespace Dms.Hub.Common;

/// <summary>A distance as reported by the dealer: value plus unit (km or mi).</summary>
public sealed record Distance(long Value, string Unit)
{
    private const double KilometresPerMile = 1.609344;

    [System.Text.Json.Serialization.JsonIgnore]
    public double Kilometres => Unit == "mi" ? Value * KilometresPerMile : Value;
}

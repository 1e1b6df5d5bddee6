using System.ComponentModel.DataAnnotations;

namespace Dms.Functions.Http;

/// <summary>One role's token bucket (<c>Dms:RateLimit:Roles:{Role}</c>).</summary>
public sealed class RoleRateLimit
{
    [Range(1, 100_000)]
    public int PermitsPerSecond { get; set; } = 50;

    [Range(1, 100_000)]
    public int Burst { get; set; } = 100;
}

using System.Security.Claims;
using Dms.Hub.Insights;

namespace Dms.Console;

/// <summary>The signed-in person as the pages need them: who, with which role, seeing which region.</summary>
public sealed record ConsoleUser(string Id, string Name, ConsoleRole Role, string? Region)
{
    public const string RoleClaim = "dms:console-role";
    public const string RegionClaim = "dms:region";

    public bool CanOperate => Role is ConsoleRole.Operator or ConsoleRole.Admin;

    public bool CanAdminister => Role == ConsoleRole.Admin;

    /// <summary>Whether personal data may be shown unmasked (on request, audited).</summary>
    public bool MayRevealPersonalData => CanOperate;

    public ViewScope Scope => new(Role == ConsoleRole.RegionalManager ? Region : null);

    public string RoleTitle => Role switch
    {
        ConsoleRole.RegionalManager => $"Regional manager ({Region})",
        _ => Role.ToString(),
    };

    public IEnumerable<Claim> Claims()
    {
        yield return new Claim(ClaimTypes.NameIdentifier, Id);
        yield return new Claim(ClaimTypes.Name, Name);
        yield return new Claim(RoleClaim, Role.ToString());
        if (Region is not null)
        {
            yield return new Claim(RegionClaim, Region);
        }
    }

    /// <summary>The user a signed-in principal stands for; null when the principal carries no console role.</summary>
    public static ConsoleUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || !Enum.TryParse<ConsoleRole>(principal.FindFirstValue(RoleClaim), out var role))
        {
            return null;
        }

        var region = principal.FindFirstValue(RegionClaim);
        if (role == ConsoleRole.RegionalManager && string.IsNullOrEmpty(region))
        {
            return null; // a regional manager without a region sees nothing rather than everything
        }

        return new ConsoleUser(principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "?", principal.FindFirstValue(ClaimTypes.Name) ?? "?", role, region);
    }
}

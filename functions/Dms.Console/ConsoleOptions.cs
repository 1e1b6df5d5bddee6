using System.ComponentModel.DataAnnotations;

namespace Dms.Console;

/// <summary>The console (section <c>Dms:Console</c>): how people sign in, how long a session lasts, who may sign in with a key.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Dms:Console";

    /// <summary><c>Key</c> (a console key, locally) or <c>EntraId</c> (OpenID Connect with Microsoft Entra ID, in Azure).</summary>
    [RegularExpression("^(Key|EntraId)$")]
    public string SignIn { get; set; } = "Key";

    /// <summary>Sign-in attempts per minute from one client address (key guessing is slowed down).</summary>
    [Range(1, 10_000)]
    public int SignInsPerMinute { get; set; } = 20;

    /// <summary>A session ends after this many minutes without a request (sliding).</summary>
    [Range(5, 24 * 60)]
    public int SessionMinutes { get; set; } = 60;

    /// <summary>
    /// People who sign in with a console key, by user ID: name, role (Viewer, RegionalManager, Operator, Admin),
    /// region (regional managers) and the key's salted hash. Operator keys of the hub's admin API sign in as Admin too.
    /// </summary>
    public Dictionary<string, ConsoleUserOptions> Users { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Entra ID application settings (Microsoft.Identity.Web), used when <see cref="SignIn"/> is EntraId.</summary>
    public const string EntraSection = "Dms:Console:EntraId";
}

/// <summary>One person allowed to sign in with a console key.</summary>
public sealed class ConsoleUserOptions
{
    [Required]
    public string Name { get; set; } = string.Empty;

    [Required]
    public ConsoleRole Role { get; set; }

    /// <summary>The one region a regional manager sees.</summary>
    public string? Region { get; set; }

    /// <summary><c>{salt}:{base64 SHA-256 of "salt:key"}</c>; the key itself is never stored.</summary>
    public string? KeyHash { get; set; }

    /// <summary>A plain key, honoured only while demo credentials are allowed (<c>Dms:Security:AllowDemoCredentials</c>).</summary>
    public string? DemoKey { get; set; }
}

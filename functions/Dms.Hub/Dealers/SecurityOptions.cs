using System.ComponentModel.DataAnnotations;

namespace Dms.Hub.Dealers;

/// <summary>Secrets and credential behaviour (section <c>Dms:Security</c>).</summary>
public sealed class SecurityOptions
{
    public const string Section = "Dms:Security";

    /// <summary>Base64 key (≥ 32 bytes) from which per-dealer signing secrets are derived. Keep it in Key Vault.</summary>
    [Required]
    [MinLength(44)]
    public string MasterKey { get; set; } = string.Empty;

    /// <summary>An operator key to create at start-up (its salted hash is stored; the value is not).</summary>
    public string? BootstrapAdminKey { get; set; }

    /// <summary>The OEM back-end's key to create at start-up.</summary>
    public string? BootstrapOemKey { get; set; }

    /// <summary>How long a verified credential is trusted from memory before storage is asked again.</summary>
    [Range(0, 600)]
    public int CredentialCacheSeconds { get; set; } = 30;

    /// <summary>Whether demo credentials (seeded by <c>./dms run</c>) are honoured. Off everywhere but demo mode.</summary>
    public bool AllowDemoCredentials { get; set; }
}

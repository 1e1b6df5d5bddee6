using System.ComponentModel.DataAnnotations;

namespace Dms.Hub.Workflow;

/// <summary>The in-process copy of recently used documents (section <c>Dms:DocumentCache</c>).</summary>
public sealed class DocumentCacheOptions
{
    public const string Section = "Dms:DocumentCache";

    /// <summary>Documents kept per generation (two generations are kept, so at most twice this); 0 turns the cache off.</summary>
    [Range(0, 1_000_000)]
    public int MaxEntries { get; set; } = 2048;

    /// <summary>A copy older than this is not used (a document is mostly touched within seconds of its last step).</summary>
    [Range(1, 86_400)]
    public int MaxAgeSeconds { get; set; } = 120;
}

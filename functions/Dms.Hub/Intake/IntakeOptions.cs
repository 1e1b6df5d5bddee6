using System.ComponentModel.DataAnnotations;

namespace Dms.Hub.Intake;

/// <summary>Intake limits (section <c>Dms:Intake</c>).</summary>
public sealed class IntakeOptions
{
    public const string Section = "Dms:Intake";

    /// <summary>Largest accepted request body; larger ones get 413 before they are parsed.</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxDocumentBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// How long an unconfirmed reservation counts as held even though its document is not visible yet. Longer than
    /// any single intake takes; after it, a holder without a stored document is treated as a crash leftover.
    /// </summary>
    [Range(5, 3600)]
    public int ReservationGraceSeconds { get; set; } = 120;

    /// <summary>Attempts at a read-modify-commit before a busy document answers 503.</summary>
    [Range(1, 50)]
    public int MaxConcurrencyRetries { get; set; } = 8;
}

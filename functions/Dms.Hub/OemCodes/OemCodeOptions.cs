namespace Dms.Hub.OemCodes;

/// <summary>
/// The OEMs' own status vocabularies (section <c>Dms:OemCodes</c>): per scheme (GM numeric event codes, FCA letter
/// codes ...), which canonical event each code means. OEM events may carry <c>oemCode: {scheme, code}</c> instead of a
/// canonical <c>type</c>; a code missing from its table is refused, never guessed.
/// </summary>
public sealed class OemCodeOptions
{
    public const string Section = "Dms:OemCodes";

    /// <summary>Code tables by scheme name (matched without regard to case).</summary>
    public Dictionary<string, OemCodeScheme> Schemes { get; set; } = [];
}

/// <summary>One OEM's code table.</summary>
public sealed class OemCodeScheme
{
    public string? Description { get; set; }

    /// <summary>Document types whose events may use this scheme (e.g. <c>vehicle-order</c>).</summary>
    public List<string> DocumentTypes { get; set; } = [];

    /// <summary>The codes, exactly as the OEM sends them.</summary>
    public Dictionary<string, OemCodeMapping> Codes { get; set; } = [];
}

/// <summary>What one OEM code means to the hub.</summary>
public sealed class OemCodeMapping
{
    /// <summary>The canonical event (a value of the event schema's <c>type</c>): Accepted, Produced, HoldSet ...</summary>
    public string Event { get; set; } = string.Empty;

    /// <summary>
    /// For a line-level code (X12 855 line status IA, IB, BP ...): the canonical line status, a value of the event
    /// schema's <c>lineStatus</c> definition. Such a code is used inside an event, not as the event's own code.
    /// </summary>
    public string? LineStatus { get; set; }

    public string? Description { get; set; }

    /// <summary>For a hold code: the hub's reason class (PlantQuality, Finance, Material, Carrier, Damage, Dealer, Other).</summary>
    public string? HoldClass { get; set; }
}

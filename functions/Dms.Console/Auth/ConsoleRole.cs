namespace Dms.Console;

/// <summary>What a console user may do, from least to most.</summary>
public enum ConsoleRole
{
    /// <summary>An HQ analyst: every page and export, personal data masked.</summary>
    Viewer,

    /// <summary>A viewer limited to one region's dealers, documents and figures.</summary>
    RegionalManager,

    /// <summary>Replays, archives, notes, assigns, acknowledges alerts; may reveal personal data (audited).</summary>
    Operator,

    /// <summary>An operator who also onboards dealers and issues their keys and secrets.</summary>
    Admin,
}

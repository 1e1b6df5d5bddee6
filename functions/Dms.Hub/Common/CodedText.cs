namespace Dms.Hub.Common;

/// <summary>A code with optional free text, as used for complaint, cause and correction ("the 3 C's").</summary>
public sealed record CodedText(string Code, string? Text);

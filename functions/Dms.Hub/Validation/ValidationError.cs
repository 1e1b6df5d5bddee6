namespace Dms.Hub.Validation;

/// <summary>One violation: a JSON Pointer into the submitted document, a stable code and a human message.</summary>
public sealed record ValidationError(string Path, string Code, string Message);

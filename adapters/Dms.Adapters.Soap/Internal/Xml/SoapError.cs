namespace Dms.Adapters.Soap.Internal.Xml;

/// <summary>One reason a request was refused: where in the XML, the same place as a JSON Pointer when there is one, a code and a message.</summary>
internal sealed record SoapError(string Path, string? JsonPointer, string Code, string Message);

namespace Dms.Adapters.Soap.Tests.Abuse;

/// <summary>One generated request: the bytes, how they are labelled, the SOAPAction sent, and which mutation of which operation made it.</summary>
public sealed record MalformedEnvelope(string Operation, string Mutation, byte[] Body, string? ContentType, string? SoapAction)
{
    public override string ToString() => $"{Mutation} of {Operation}";
}

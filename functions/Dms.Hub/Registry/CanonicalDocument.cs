using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Dms.Hub.Registry;

/// <summary>A schema-valid submission in canonical form (the hub's own serialization of its typed model).</summary>
/// <remarks>The request hash is taken over the canonical form, so whitespace and property order never make a replay look new.</remarks>
public sealed record CanonicalDocument(JsonObject Body, string DocumentNumber, object Model)
{
    public string Hash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Body.ToJsonString())));
}

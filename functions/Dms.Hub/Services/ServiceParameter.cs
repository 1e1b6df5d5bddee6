using System.Text.Json.Nodes;

namespace Dms.Hub.Services;

/// <summary>A value a dealer service request names (a suggestion ID): its JSON schema, and an example for samples.</summary>
public sealed record ServiceParameter(string Name, string Description, JsonObject Schema, string Example);

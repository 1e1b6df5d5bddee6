using System.Text.Json.Nodes;
using Dms.Hub.Dealers;
using Dms.Hub.Workflow;

namespace Dms.Hub.Services;

/// <summary>A schema-valid request to a dealer service, from the authenticated dealer.</summary>
public sealed record ServiceRequest(Dealer Dealer, Actor Actor, IReadOnlyDictionary<string, string> Parameters, JsonObject Body)
{
    public string Parameter(string name) => Parameters.TryGetValue(name, out var value) ? value : string.Empty;
}

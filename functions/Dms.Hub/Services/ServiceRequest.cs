using System.Text.Json.Nodes;
using Dms.Hub.Dealers;
using Dms.Hub.Workflow;

namespace Dms.Hub.Services;

/// <summary>
/// A request to a dealer service, from the authenticated dealer: its body schema-valid, or — for a service that reads
/// its body itself (<see cref="DealerService.ReadsRawBody"/>) — <see cref="Raw"/> as sent and <see cref="Body"/> empty.
/// </summary>
public sealed record ServiceRequest(Dealer Dealer, Actor Actor, IReadOnlyDictionary<string, string> Parameters, JsonObject Body, ReadOnlyMemory<byte> Raw = default)
{
    public string Parameter(string name) => Parameters.TryGetValue(name, out var value) ? value : string.Empty;
}

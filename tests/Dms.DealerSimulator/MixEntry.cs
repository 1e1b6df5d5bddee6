using System.Text.Json.Nodes;
using Dms.Testing.Soap.Contract;

namespace Dms.DealerSimulator;

/// <summary>
/// One document type in the benchmark mix: its route, how a dealer system makes a valid one for a vehicle (REST body
/// and SOAP contract), how it makes one the hub must refuse, and whether its decision comes back to the dealer.
/// </summary>
/// <param name="Invalidate">Breaks a REST body so its schema refuses it; null when a VIN without history is refused already (by the rules).</param>
/// <param name="SoapDocument">The SOAP contract for a VIN (invalid when the flag says so); null for a type not offered over SOAP.</param>
/// <param name="SoapSubmit">Sends the contract through the WCF client.</param>
/// <param name="AwaitsDecision">The OEM decides it and the dealer hears the decision (its latency is measured).</param>
public sealed record MixEntry(
    string DocumentType,
    string RouteSegment,
    Func<string, JsonObject> Rest,
    Action<JsonObject>? Invalidate,
    Func<string, bool, object>? SoapDocument,
    Func<IDealerService, object, Task<Acknowledgement>>? SoapSubmit,
    bool AwaitsDecision);

using System.Text.Json.Nodes;
using Dms.Testing.Soap.Contract;

namespace Dms.DealerSimulator;

/// <summary>What a document in the mix is about: the vehicle's VIN and the brand its dealer sells.</summary>
public sealed record MixVehicle(string Vin, string Brand);

/// <summary>
/// One document type in the benchmark mix: its route, how a dealer system makes a valid one for a vehicle (REST body
/// and SOAP contract), how it makes one the hub must refuse, whether its decision comes back to the dealer, and the
/// state the OEM simulator takes it to.
/// </summary>
/// <param name="Invalidate">Breaks a REST body so its schema refuses it; null when a VIN without history is refused already (by the rules).</param>
/// <param name="SoapDocument">The SOAP contract for a vehicle (invalid when the flag says so); null for a type the test client does not offer over SOAP (its dealers send it over REST).</param>
/// <param name="SoapSubmit">Sends the contract through the WCF client.</param>
/// <param name="AwaitsDecision">The OEM decides it and the dealer hears the decision (its latency is measured).</param>
/// <param name="Settled">Whether the document, as its dealer reads it, is where the OEM's answers leave it (null: once delivered).</param>
public sealed record MixEntry(
    string DocumentType,
    string RouteSegment,
    Func<MixVehicle, JsonObject> Rest,
    Action<JsonObject>? Invalidate,
    Func<MixVehicle, bool, object>? SoapDocument,
    Func<IDealerService, object, Task<Acknowledgement>>? SoapSubmit,
    bool AwaitsDecision,
    Func<JsonObject, bool>? Settled = null);

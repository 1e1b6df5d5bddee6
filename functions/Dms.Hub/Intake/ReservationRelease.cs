using Dms.Hub.Effects;
using Dms.Hub.Registry;
using Dms.Hub.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Hub.Intake;

/// <summary>
/// Gives back what a document holds (an order's allocation unit and VIN link, an RDR's retail of its VIN, a claim's
/// keys) once it enters a releasing state — as a durable effect committed with the change, for every type and every
/// way in (OEM event, dealer command, delivery refused, reaction). The change itself costs its own batch only: given
/// back in line, the rows live in another table, so an OEM's Rejected event cost 2 round trips and an RDR's 3 (issue
/// 14: ≤ 2 per OEM event), and a crash between the commit and the release left the unit to be found stale by a later
/// claimer; the work item, written in the same batch as the change, cannot be lost.
/// </summary>
/// <remarks>
/// Runs with the document as stored when it runs (not carried): a rejected order resubmitted before its item ran holds
/// its unit again (its resubmission found it held) and must keep it. A resubmission landing between that read and the
/// delete (milliseconds) still loses its unit, as one landing between the commit and the in-line release did before.
/// Until the item runs, a claimer that meets the unit finds its holder released (<see cref="Reservations.IsLiveAsync"/>)
/// and takes it over, so nothing waits on it.
/// </remarks>
public sealed class ReservationRelease(IServiceProvider services) : IDocumentEffect
{
    public const string EffectName = "release-reservations";

    // Resolved on first use: document types hold rules that read reservations (a cycle otherwise).
    private readonly Lazy<DocumentTypeRegistry> _types = new(services.GetRequiredService<DocumentTypeRegistry>);
    private readonly Lazy<Reservations> _reservations = new(services.GetRequiredService<Reservations>);

    public string Name => EffectName;

    /// <summary>Entering a releasing state while holding anything; moving between releasing states gives back nothing new.</summary>
    public bool Wants(DocumentRecord document, string? previousStatus) =>
        _types.Value.TryGet(document.DocumentType, out var type)
        && type.ReleasingStates.Contains(document.Status)
        && (previousStatus is null || !type.ReleasingStates.Contains(previousStatus))
        && (document.Units.Count > 0 || type.ReservationsHeld(document).Count > 0);

    public Task ApplyAsync(DocumentRecord document, CancellationToken cancellationToken) =>
        _types.Value.TryGet(document.DocumentType, out var type)
            ? _reservations.Value.ReleaseIfDoneAsync(type, document, cancellationToken)
            : Task.CompletedTask;
}

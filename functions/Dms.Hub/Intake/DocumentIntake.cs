using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Operations;
using Dms.Hub.Registry;
using Dms.Hub.Storage;
using Dms.Hub.Validation;
using Dms.Hub.Workflow;

namespace Dms.Hub.Intake;

/// <summary>
/// Accepts new documents from any channel: read, validate (schema, rules, reservations), and store the document,
/// its raw payload, its keys and its routing work in one atomic commit. The answer is given only after that commit.
/// </summary>
public sealed partial class DocumentIntake(
    DocumentCommitter committer,
    Reservations reservations,
    Idempotency idempotency,
    SchemaCatalog schemas,
    DocumentWorkflow workflow,
    HubTelemetry telemetry,
    StorageTraffic traffic,
    DocumentBulkCommitter bulk,
    VehicleRegistry vehicles)
{
    public async Task<IntakeResult> SubmitAsync(Submission submission, CancellationToken cancellationToken)
    {
        using var step = traffic.Step(submission.Type.Name, "intake");
        var result = await SubmitCoreAsync(submission, cancellationToken);
        step.Name = "intake:" + Outcome(result);
        telemetry.Submissions.Add(1, new("type", submission.Type.Name), new("result", result.Kind.ToString()), new("channel", submission.Actor.Channel));
        return result;
    }

    /// <summary>How a request ended, for the round-trip figures: a replay costs differently from a new document.</summary>
    internal static string Outcome(IntakeResult result) => result.Replayed ? "Replayed" : result.Kind.ToString();

    private async Task<IntakeResult> SubmitCoreAsync(Submission submission, CancellationToken cancellationToken)
    {
        var (refused, request) = await CheckAsync(submission, cancellationToken);
        if (request is null)
        {
            return refused!;
        }

        if (await reservations.TryClaimNewAsync(request.Outcome.Reservations, request.Holder, cancellationToken) is not { } claim)
        {
            (refused, claim) = await ClaimCarefullyAsync(request, cancellationToken);
            if (refused is not null)
            {
                return refused;
            }
        }

        var changes = await NewDocumentAsync(request, claim!, cancellationToken);
        return await FinishAsync(request, changes, claim!, await committer.CommitAsync(changes, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Reads and checks a submission: either its answer (refused, or the earlier answer of a refused replay) or the
    /// checked request, whose reservations are still to be claimed.
    /// </summary>
    private async Task<(IntakeResult? Answer, CheckedRequest? Request)> CheckAsync(Submission submission, CancellationToken cancellationToken)
    {
        var (type, dealer) = (submission.Type, submission.Dealer);
        if (!dealer.MaySubmit(type.Name))
        {
            return (IntakeResult.Forbidden("DOCUMENT_TYPE_NOT_ENABLED", $"Dealer {dealer.Code} is not enabled for {type.Title.ToLowerInvariant()}s."), null);
        }

        if (!ValidJson.TryRead(schemas, submission.Body, type.SchemaName, out var node, out var failure))
        {
            return (failure, null);
        }

        if (type.Canonicalize(node) is not { } canonical)
        {
            return (IntakeResult.Invalid([new ValidationError("", ErrorCodes.SchemaViolation, "The document could not be read.")]), null);
        }

        // Keys are not read up front: a new document (the common case) needs none, and the commit below refuses a
        // key that exists. They are read only where an earlier answer may be due: on a refusal or a key conflict.
        var hash = Idempotency.Hash("submit", type.Name, canonical.Hash());
        var keys = RequestKeys(type, canonical, submission.IdempotencyKey);
        var holder = new ReservationHolder(dealer.Code, type.Name, canonical.DocumentNumber);
        var outcome = await type.CheckAsync(canonical, new RuleContext(dealer, workflow.Now, holder), cancellationToken);
        if (outcome.Errors.Count > 0)
        {
            if (await idempotency.FindAsync(dealer.Code, keys, hash, cancellationToken) is { } earlier)
            {
                return (earlier, null);
            }

            var conflicts = await reservations.FindConflictsAsync(outcome.Reservations, holder, cancellationToken);
            return (IntakeResult.Invalid([.. outcome.Errors, .. conflicts]), null);
        }

        return (null, new CheckedRequest(submission, canonical, keys, hash, holder, outcome));
    }

    /// <summary>
    /// Something is reserved already (the all-new claim failed): most often by this very document (a replay), whose
    /// answer is due; otherwise the reservations are claimed one at a time.
    /// </summary>
    private async Task<(IntakeResult? Answer, ReservationClaim? Claim)> ClaimCarefullyAsync(CheckedRequest request, CancellationToken cancellationToken)
    {
        if (await idempotency.FindAsync(request.Submission.Dealer.Code, request.Keys, request.Hash, cancellationToken) is { } earlier)
        {
            return (earlier, null);
        }

        var claim = await reservations.ClaimAsync(request.Outcome.Reservations, request.Holder, cancellationToken, batchFirst: false);
        return claim.Errors.Count > 0 ? (IntakeResult.Invalid(claim.Errors), null) : (null, claim);
    }

    /// <summary>The answer once the document's commit is done: accepted (its reservations confirmed), or as answered before.</summary>
    private async Task<IntakeResult> FinishAsync(CheckedRequest request, ChangeSet changes, ReservationClaim claim, CommitResult commit, CancellationToken cancellationToken)
    {
        if (commit == CommitResult.KeyConflict)
        {
            return await AnswerKeyConflictAsync(request.Submission.Type, request.Submission.Dealer.Code, request.Keys, request.Hash, claim, cancellationToken);
        }

        await reservations.ConfirmAsync(claim, cancellationToken);
        return IntakeResult.Accepted(changes.Document!.TrackingId, changes.Document.Status);
    }

    /// <summary>
    /// A key already exists: a concurrent identical request won the race, or an earlier one used the key or the
    /// number. Answer as it was answered. Reservations this request added are given back unless the stored document
    /// holds them too (it does when it has the same number: the holder is the dealer, type and number).
    /// </summary>
    private async Task<IntakeResult> AnswerKeyConflictAsync(DocumentType type, string dealerCode, List<RequestKey> keys, string hash, ReservationClaim claim, CancellationToken cancellationToken)
    {
        var entries = await idempotency.LookUpAsync(dealerCode, keys, cancellationToken);
        var answer = Idempotency.Answer(keys, entries, hash) ?? throw new InvalidOperationException("A key conflicted but no key was found.");
        if (answer.Kind == IntakeResultKind.Conflict)
        {
            await reservations.ReleaseUnusedAsync(claim, type, dealerCode, entries[^1]?.TrackingId, cancellationToken);
        }

        return answer;
    }

    /// <summary>The request's keys: its Idempotency-Key if it sent one, then always its document number (last).</summary>
    private static List<RequestKey> RequestKeys(DocumentType type, CanonicalDocument canonical, string? idempotencyKey)
    {
        var keys = new List<RequestKey>();
        if (idempotencyKey is not null)
        {
            keys.Add(RequestKey.ForIdempotencyKey(idempotencyKey));
        }

        keys.Add(new RequestKey(
            IdempotencyEntry.ForDocumentNumber(type.Name, canonical.DocumentNumber),
            type.DuplicateNumberCode,
            $"{type.Title} {canonical.DocumentNumber} was already submitted with different content."));
        return keys;
    }

    /// <summary>
    /// The new document's change set, with the pool units its claim holds recorded on it, and without reactions on a
    /// document that does not hold the VIN yet (<see cref="Effects.IntakeReactions"/>).
    /// </summary>
    private async Task<ChangeSet> NewDocumentAsync(CheckedRequest request, ReservationClaim claim, CancellationToken cancellationToken)
    {
        var changes = NewDocument(request.Submission, request.Canonical, request.Keys, request.Hash);
        Reservations.RecordUnits(changes.Document!, claim, request.Outcome.Reservations);
        await Effects.IntakeReactions.DropUnlinkedAsync(vehicles, changes, claim, cancellationToken);
        return changes;
    }

    private ChangeSet NewDocument(Submission submission, CanonicalDocument canonical, IReadOnlyList<RequestKey> keys, string hash)
    {
        var (type, dealer, actor) = (submission.Type, submission.Dealer, submission.Actor);
        var now = workflow.Now;
        var document = new DocumentRecord
        {
            TrackingId = TrackingIds.New(dealer.Code, now),
            DocumentType = type.Name,
            DealerCode = dealer.Code,
            DocumentNumber = canonical.DocumentNumber,
            Status = type.States.Initial,
            SubmittedAt = now,
            Body = canonical.Body,
        };
        // The Idempotency-Key is kept on the timeline so operators can find the document by it (the stored key row holds only its hash).
        var submitted = new JsonObject { ["documentNumber"] = canonical.DocumentNumber };
        if (submission.IdempotencyKey is { } idempotencyKey)
        {
            submitted["idempotencyKey"] = idempotencyKey;
        }

        workflow.Record(document, "Submitted", actor, submitted, null, document.Status);
        var changes = new ChangeSet(dealer.Code)
        {
            Document = document,
            Payload = new RawPayload(document.TrackingId, 1, actor.Channel, submission.Received?.ContentType ?? submission.ContentType, submission.Received?.Content ?? submission.Body, now),
        };
        workflow.React(changes, document, null, actor.CorrelationId);
        workflow.Route(changes, document, type.SubmitMessage, null, dealer, actor.CorrelationId);
        changes.Keys.AddRange(keys.Select(k => idempotency.Remember(dealer.Code, k.KeyId, hash, document.TrackingId, document.Status)));
        return changes;
    }

    /// <summary>A submission that passed its checks: what the rest of the intake needs of it.</summary>
    private sealed record CheckedRequest(Submission Submission, CanonicalDocument Canonical, List<RequestKey> Keys, string Hash, ReservationHolder Holder, RuleOutcome Outcome);
}

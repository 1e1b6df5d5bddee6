using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Registry;
using Dms.Hub.Storage;
using Dms.Hub.Validation;
using Dms.Hub.Workflow;

namespace Dms.Hub.Intake;

/// <summary>
/// Accepts new documents from any channel: read, validate (schema, rules, reservations), and store the document,
/// its raw payload, its keys and its routing work in one atomic commit. The answer is given only after that commit.
/// </summary>
public sealed class DocumentIntake(
    DocumentCommitter committer,
    Reservations reservations,
    Idempotency idempotency,
    SchemaCatalog schemas,
    DocumentWorkflow workflow,
    HubTelemetry telemetry)
{
    public async Task<IntakeResult> SubmitAsync(Submission submission, CancellationToken cancellationToken)
    {
        var result = await SubmitCoreAsync(submission, cancellationToken);
        telemetry.Submissions.Add(1, new("type", submission.Type.Name), new("result", result.Kind.ToString()), new("channel", submission.Actor.Channel));
        return result;
    }

    private async Task<IntakeResult> SubmitCoreAsync(Submission submission, CancellationToken cancellationToken)
    {
        var (type, dealer) = (submission.Type, submission.Dealer);
        if (!dealer.MaySubmit(type.Name))
        {
            return IntakeResult.Forbidden("DOCUMENT_TYPE_NOT_ENABLED", $"Dealer {dealer.Code} is not enabled for {type.Title.ToLowerInvariant()}s.");
        }

        if (!ValidJson.TryRead(schemas, submission.Body, type.SchemaName, out var node, out var failure))
        {
            return failure;
        }

        if (type.Canonicalize(node) is not { } canonical)
        {
            return IntakeResult.Invalid([new ValidationError("", ErrorCodes.SchemaViolation, "The document could not be read.")]);
        }

        var hash = Idempotency.Hash("submit", type.Name, canonical.Hash());
        var keys = RequestKeys(type, canonical, submission.IdempotencyKey);
        if (await idempotency.FindAsync(dealer.Code, keys, hash, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var holder = new ReservationHolder(dealer.Code, type.Name, canonical.DocumentNumber);
        var outcome = await type.CheckAsync(canonical, new RuleContext(dealer, workflow.Now, holder), cancellationToken);
        if (outcome.Errors.Count > 0)
        {
            var conflicts = await reservations.FindConflictsAsync(outcome.Reservations, holder, cancellationToken);
            return IntakeResult.Invalid([.. outcome.Errors, .. conflicts]);
        }

        var reservationErrors = await reservations.ReserveAsync(outcome.Reservations, holder, cancellationToken);
        if (reservationErrors.Count > 0)
        {
            return IntakeResult.Invalid(reservationErrors);
        }

        var changes = NewDocument(submission, canonical, keys, hash);
        var commit = await committer.CommitAsync(changes, cancellationToken);
        if (commit == CommitResult.KeyConflict)
        {
            // A concurrent identical request won the race: answer exactly as it was answered.
            return await idempotency.FindAsync(dealer.Code, keys, hash, cancellationToken)
                ?? throw new InvalidOperationException("A key conflicted but no key was found.");
        }

        await reservations.ConfirmAsync(outcome.Reservations, holder, cancellationToken);
        return IntakeResult.Accepted(changes.Document!.TrackingId, changes.Document.Status);
    }

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
        workflow.React(changes, document, actor.CorrelationId);
        changes.NewWork.Add(workflow.RouteWork(document, type.SubmitMessage, null, actor.CorrelationId));
        changes.Keys.AddRange(keys.Select(k => idempotency.Remember(dealer.Code, k.KeyId, hash, document.TrackingId, document.Status)));
        return changes;
    }
}

using System.Text;
using System.Text.Json.Nodes;
using Dms.Hub.Dealers;
using Dms.Hub.Intake;
using Dms.Hub.PeriodicReports;
using Dms.Hub.Registry;
using Dms.Hub.Validation;
using Dms.Hub.Workflow;

namespace Dms.Hub.Batches;

/// <summary>A registered document type as a batch target: its rules in the dry run, <see cref="DocumentIntake"/> at import.</summary>
public sealed class DocumentBatchTarget(DocumentType type, DocumentIntake intake, TimeProvider clock) : IBatchTarget
{
    public string Name => type.Name;

    public string Title => type.Title;

    public string SchemaName => type.SchemaName;

    public DocumentType DocumentType => type;

    DocumentType? IBatchTarget.DocumentType => type;

    /// <summary>Valid rows of RDR files go in; a periodic report file is partial only where its kind allows.</summary>
    public BatchPolicy DefaultPolicy => type is IPeriodicReportType report && !report.AllowsPartial ? BatchPolicy.RejectFile : BatchPolicy.AcceptValidRows;

    public bool MaySubmit(Dealer dealer) => dealer.MaySubmit(type.Name);

    public async Task<IReadOnlyList<ValidationError>> CheckAsync(JsonObject body, Dealer dealer, CancellationToken cancellationToken)
    {
        if (type.Canonicalize(JsonNode.Parse(body.ToJsonString())!) is not { } canonical)
        {
            return [new ValidationError("", ErrorCodes.SchemaViolation, "The document could not be read.")];
        }

        var holder = new ReservationHolder(dealer.Code, type.Name, canonical.DocumentNumber);
        return (await type.CheckAsync(canonical, new RuleContext(dealer, clock.GetUtcNow(), holder), cancellationToken)).Errors;
    }

    public async Task<BatchImportOutcome> ImportAsync(JsonObject body, Dealer dealer, string batchId, CancellationToken cancellationToken) =>
        Outcome(await intake.SubmitAsync(SubmissionOf(body, dealer, batchId), cancellationToken));

    /// <summary>Many rows at once through the same intake: new documents of the dealer share its transactions.</summary>
    public async Task<IReadOnlyList<BatchImportOutcome>> ImportManyAsync(IReadOnlyList<JsonObject> bodies, Dealer dealer, string batchId, int parallelism, CancellationToken cancellationToken) =>
        (await intake.SubmitManyAsync(bodies.Select(b => SubmissionOf(b, dealer, batchId)).ToList(), parallelism, cancellationToken)).Select(Outcome).ToList();

    private Submission SubmissionOf(JsonObject body, Dealer dealer, string batchId) =>
        new(type, dealer, Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json", null, new Actor(dealer.Code, "dealer", "batch", batchId));

    private static BatchImportOutcome Outcome(IntakeResult result) => result.Kind == IntakeResultKind.Accepted
        ? new BatchImportOutcome(true, result.TrackingId, result.Replayed)
        : new BatchImportOutcome(false, result.TrackingId, false, result.Code, result.Message, result.Errors);
}

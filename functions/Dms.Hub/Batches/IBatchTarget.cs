using System.Text.Json.Nodes;
using Dms.Hub.Dealers;
using Dms.Hub.Registry;
using Dms.Hub.Validation;

namespace Dms.Hub.Batches;

/// <summary>
/// Port: what the documents of a batch file become. Every registered document type is one (through the same
/// <see cref="Intake.DocumentIntake"/> as REST and SOAP, <see cref="DocumentBatchTarget"/>); a dealer's parts stock
/// snapshot is another (through the same parts inventory intake as <c>POST /api/v1/parts-inventory</c>). Reading,
/// the dry run, checkpoints, row errors and policies are the batch core's, the same for every target.
/// </summary>
public interface IBatchTarget
{
    /// <summary>The <c>documentType</c> of the upload, e.g. <c>retail-delivery-report</c> or <c>parts-inventory</c>.</summary>
    string Name { get; }

    string Title { get; }

    string SchemaName { get; }

    /// <summary>The registry entry when the target is a document type; null otherwise.</summary>
    DocumentType? DocumentType { get; }

    /// <summary>Whether invalid documents reject the whole file unless configured otherwise.</summary>
    BatchPolicy DefaultPolicy { get; }

    bool MaySubmit(Dealer dealer);

    /// <summary>The rules beyond the schema, on a body that passed it (errors carry JSON paths).</summary>
    Task<IReadOnlyList<ValidationError>> CheckAsync(JsonObject body, Dealer dealer, CancellationToken cancellationToken);

    /// <summary>Takes one valid document in, idempotently (the same document again is a replay, never a second one).</summary>
    Task<BatchImportOutcome> ImportAsync(JsonObject body, Dealer dealer, string batchId, CancellationToken cancellationToken);

    /// <summary>
    /// Takes several valid documents in, idempotently each; the outcomes are in the same order. By default one after
    /// the other, in file order (a stock snapshot names the one before it); a target that can take many at once for
    /// less (documents sharing a dealer's partition) does.
    /// </summary>
    async Task<IReadOnlyList<BatchImportOutcome>> ImportManyAsync(IReadOnlyList<JsonObject> bodies, Dealer dealer, string batchId, int parallelism, CancellationToken cancellationToken)
    {
        var outcomes = new List<BatchImportOutcome>(bodies.Count);
        foreach (var body in bodies)
        {
            outcomes.Add(await ImportAsync(body, dealer, batchId, cancellationToken));
        }

        return outcomes;
    }
}

/// <summary>What became of one document: accepted (its reference, replayed or new) or refused (code, message, errors with paths).</summary>
public sealed record BatchImportOutcome(bool Accepted, string? Reference, bool Replayed, string? Code = null, string? Message = null, IReadOnlyList<ValidationError>? Errors = null);

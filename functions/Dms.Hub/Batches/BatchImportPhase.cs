using Dms.Hub.Intake;
using Dms.Hub.PeriodicReports;
using Dms.Hub.Reporting;
using Dms.Hub.Work;

namespace Dms.Hub.Batches;

/// <summary>
/// The import: each valid document of a slice goes through its target's intake — the same <see cref="DocumentIntake"/>
/// as REST and SOAP for document types, the parts inventory for stock snapshots — several at once. Both are idempotent
/// (per dealer and document number; per snapshot ID), so a slice run again after a crash (or
/// the same file uploaded again) answers with the documents it made the first time and makes no second one.
/// </summary>
/// <remarks>
/// Paced by the hub's own progress: a slice starts once the previous slice's first new document has been routed and
/// delivered (or after <see cref="BatchOptions.MaxDeliveryLagSeconds"/>), so a large file never piles up more work than
/// the hub gets through — a backlog makes every recovery sweep and every queue slower. A chunk of a slice goes to its
/// target at once (<see cref="IBatchTarget.ImportManyAsync"/>): a dealer's new documents share entity-group transactions.
/// </remarks>
internal sealed class BatchImportPhase(BatchFiles files, BatchValidator validator, ReportSlots slots, BatchPacing pacing) : IBatchPhase
{
    private const string Phase = "import";

    public bool RunsWhile(string status) => status == BatchStatus.Importing;

    public async Task<BatchStep> RunSliceAsync(BatchJob job, CancellationToken cancellationToken)
    {
        var batch = job.Record;
        if (await pacing.ShouldWaitAsync(job, cancellationToken))
        {
            return new BatchStep(batch, TimeSpan.FromMilliseconds(250));
        }

        var start = batch.Import;
        var seen = await files.KeysBeforeAsync(job, Phase, start, cancellationToken);
        var slice = await files.ReadSliceAsync(job, start, job.Options.ImportSliceDocuments, cancellationToken);
        var results = new List<BatchResult>();
        var errors = new List<BatchRowError>();
        var done = 0;
        var next = slice.Next;

        // The work a chunk's rows cause (delivery, rollups) runs while the next chunk goes in; all of it is done before
        // the slice's checkpoint.
        using var behind = InlineWork.RunBehind();
        foreach (var chunk in slice.Documents.Chunk(job.Parallelism * 16))
        {
            if (done > 0 && job.OutOfTime)
            {
                // Checkpoint on a document boundary: everything before it is imported, nothing after it.
                next = chunk[0].Start;
                break;
            }

            var work = new List<(BatchDocument Document, BatchVerdict Verdict)>();
            foreach (var document in chunk)
            {
                // Validated already: this only finds again which documents were valid (and which lines to leave out).
                var verdict = await validator.ValidateAsync(document, job.Target, job.Dealer, seen, job.DropInvalidLines, cancellationToken);
                if (verdict.Body is not null)
                {
                    work.Add((document, verdict));
                }
            }

            // The chunk's documents go in together: the target commits a dealer's new documents many to a transaction.
            var outcomes = await job.Target.ImportManyAsync(work.Select(w => w.Verdict.Body!).ToList(), job.Dealer, job.Record.Id, job.Parallelism, cancellationToken);
            for (var i = 0; i < work.Count; i++)
            {
                results.Add(await RecordAsync(job, work[i].Document, work[i].Verdict, outcomes[i], errors, cancellationToken));
            }

            done += chunk.Length;
            await behind.WaitAsync(newest: 1);
        }

        await behind.WaitAsync();

        var ended = slice.Ended && done == slice.Documents.Count;
        var sorted = results.OrderBy(r => r.Document).ToList();
        var rowErrors = errors.OrderBy(e => e.Row).ToList();
        await files.WriteLogAsync(batch, BatchLogs.Results, start.Slices, sorted, cancellationToken);
        await files.WriteLogAsync(batch, BatchLogs.ImportErrors, start.Slices, rowErrors, cancellationToken);
        batch = batch with
        {
            DocumentsImported = batch.DocumentsImported + sorted.Count,
            Accepted = batch.Accepted + sorted.Count(r => r.Status == "Accepted"),
            Replayed = batch.Replayed + sorted.Count(r => r.Replayed),
            Rejected = batch.Rejected + sorted.Count(r => r.Status == "Rejected"),
            Errors = batch.Errors + rowErrors.Count,
            ErrorsByColumn = BatchFiles.Count(batch.ErrorsByColumn, rowErrors),
            Import = (ended ? slice.Next : next) with { Document = start.Document + done, Slices = start.Slices + 1 },
            // Paced on the slice's first new document: it is routed and delivered about when the slice before it is,
            // so the next slice is imported while this one is delivered (about two slices of work outstanding at most).
            LastImported = sorted.FirstOrDefault(r => r.Status == "Accepted" && !r.Replayed)?.TrackingId ?? batch.LastImported,
        };
        if (!ended)
        {
            files.KeepKeys(batch, Phase, batch.Import.Document, seen);
            return batch;
        }

        files.Forget(batch);
        return batch with { Status = BatchStatus.Completed, CompletedAt = job.Now };
    }

    /// <summary>What became of one document: its result, and its row errors placed on rows and columns when it was refused.</summary>
    private async Task<BatchResult> RecordAsync(BatchJob job, BatchDocument document, BatchVerdict verdict, BatchImportOutcome result, List<BatchRowError> errors, CancellationToken cancellationToken)
    {
        var version = job.Type is IPeriodicReportType ? BatchReports.VersionOf(verdict.Body!) : null;
        if (result.Accepted)
        {
            return new BatchResult(document.Index, document.FirstRow, document.LastRow, "Accepted", result.Reference, result.Replayed, null);
        }

        var found = result.Errors is { Count: > 0 } list
            ? list.Select(e => (e.Path, e.Code, e.Message)).ToList()
            : [(string.Empty, result.Code ?? "REJECTED", result.Message ?? "The document was refused.")];
        foreach (var (path, code, message) in found)
        {
            var cell = path.Length == 0 && document.KeyPath is { } key ? document.Locate(key) : document.Locate(path);
            errors.Add(new BatchRowError(cell.Row, cell.Line, cell.Column, cell.Value, code, message));
        }

        if (version is { } v)
        {
            await slots.RecordFileAsync(job.Target.Name, v.Period, v.Version, job.Dealer.Code, job.Record.Id, rejected: true, found.Count, cancellationToken);
        }

        return new BatchResult(document.Index, document.FirstRow, document.LastRow, "Rejected", result.Reference, false, result.Code);
    }
}

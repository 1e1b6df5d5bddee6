using Dms.Hub.PeriodicReports;
using Dms.Hub.Reporting;

namespace Dms.Hub.Batches;

/// <summary>
/// The dry run: every row is read and checked (format, duplicates, schema, rules) before anything is imported. Each
/// slice appends its row errors to the validation log; the last one decides: import, reject the file (policy), or
/// fail it (unreadable, no data rows).
/// </summary>
internal sealed class BatchValidationPhase(BatchFiles files, BatchValidator validator, ReportSlots slots) : IBatchPhase
{
    private const string Phase = "validate";

    public bool RunsWhile(string status) => status is BatchStatus.Received or BatchStatus.Validating;

    public async Task<BatchStep> RunSliceAsync(BatchJob job, CancellationToken cancellationToken)
    {
        var batch = job.Record with { Status = BatchStatus.Validating, ValidationStartedAt = job.Record.ValidationStartedAt ?? job.Now };
        var start = batch.Validation;
        var seen = await files.KeysBeforeAsync(job, Phase, start, cancellationToken);
        var slice = await files.ReadSliceAsync(job, start, job.SliceDocuments, cancellationToken);
        var errors = new List<BatchRowError>();
        var next = slice.Next;
        var done = 0;
        foreach (var document in slice.Documents)
        {
            if (done > 0 && job.OutOfTime)
            {
                next = document.Start;
                break;
            }

            var verdict = await validator.ValidateAsync(document, job.Target, job.Dealer, seen, job.DropInvalidLines, cancellationToken);
            errors.AddRange(verdict.Errors);
            await NoteReportAsync(job, document, verdict, cancellationToken);
            batch = batch with
            {
                RowsValidated = batch.RowsValidated + document.RowCount,
                RowsInvalid = batch.RowsInvalid + verdict.InvalidRows,
                Documents = batch.Documents + 1,
                DocumentsInvalid = batch.DocumentsInvalid + (verdict.Body is null ? 1 : 0),
                LinesLeftOut = batch.LinesLeftOut + verdict.LinesLeftOut,
            };
            done++;
        }

        var ended = slice.Ended && done == slice.Documents.Count;
        var fileError = !ended ? null
            : slice.FileError ?? (batch.Documents == 0 ? new BatchRowError(2, 2, string.Empty, null, "NO_DATA_ROWS", "The file has a header but no data rows.") : null);
        if (fileError is not null)
        {
            errors.Add(fileError);
        }

        errors.Sort((a, b) => a.Row.CompareTo(b.Row));
        await files.WriteLogAsync(batch, BatchLogs.ValidationErrors, start.Slices, errors, cancellationToken);
        batch = batch with
        {
            Errors = batch.Errors + errors.Count,
            ErrorsByColumn = BatchFiles.Count(batch.ErrorsByColumn, errors),
            Validation = (ended ? slice.Next : next) with { Document = start.Document + done, Slices = start.Slices + 1 },
        };
        if (!ended)
        {
            files.KeepKeys(batch, Phase, batch.Validation.Document, seen);
            return batch;
        }

        files.Forget(batch);
        return await FinishAsync(job, batch, fileError, cancellationToken);
    }

    private async Task<BatchRecord> FinishAsync(BatchJob job, BatchRecord batch, BatchRowError? fileError, CancellationToken cancellationToken)
    {
        var finished = batch with { Rows = batch.RowsValidated, ValidatedAt = job.Now };
        if (fileError is not null)
        {
            return finished with { Status = BatchStatus.Failed, FileError = fileError, CompletedAt = job.Now };
        }

        if (batch.DocumentsInvalid > 0 && batch.Policy == BatchPolicy.RejectFile)
        {
            if (job.Type is IPeriodicReportType)
            {
                // Nothing of this file counts: every report version in it is rejected with it.
                await foreach (var document in ReadAllAsync(job, cancellationToken))
                {
                    await NoteReportAsync(job, document, null, cancellationToken);
                }
            }

            return finished with { Status = BatchStatus.Rejected, CompletedAt = job.Now };
        }

        return finished with { Status = BatchStatus.Importing, ImportStartedAt = job.Now, Import = BatchCheckpoint.Start };
    }

    private async IAsyncEnumerable<BatchDocument> ReadAllAsync(BatchJob job, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = await files.OpenFileAsync(job.Record, cancellationToken);
        await foreach (var document in job.Format.ReadAsync(stream, job.Record, BatchCheckpoint.Start, keysOnly: false, cancellationToken))
        {
            yield return document;
        }
    }

    /// <summary>A periodic report's slot hears of the file: received (valid so far) or rejected (null verdict: the whole file was).</summary>
    private async Task NoteReportAsync(BatchJob job, BatchDocument document, BatchVerdict? verdict, CancellationToken cancellationToken)
    {
        if (job.Type is not IPeriodicReportType || BatchReports.VersionOf(document.Body) is not { } version)
        {
            return;
        }

        var rejected = verdict?.Body is null;
        await slots.RecordFileAsync(job.Target.Name, version.Period, version.Version, job.Dealer.Code, job.Record.Id, rejected, verdict?.Errors.Count ?? 0, cancellationToken);
    }
}

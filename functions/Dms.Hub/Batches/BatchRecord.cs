namespace Dms.Hub.Batches;

/// <summary>
/// One uploaded file and how far its processing got: stored first, then validated row by row (a dry run), then
/// imported document by document through the same intake as REST and SOAP — each phase in checkpointed slices, so a
/// crash resumes where it stopped. Counts are of data rows (the header is row 1, the first data row row 2).
/// </summary>
public sealed record BatchRecord
{
    public required string Id { get; init; }

    public required string DealerCode { get; init; }

    public required string DocumentType { get; init; }

    public required string Format { get; init; }

    public string Status { get; init; } = BatchStatus.Received;

    public BatchPolicy Policy { get; init; }

    public string? FileName { get; init; }

    public long Bytes { get; init; }

    public string Sha256 { get; init; } = string.Empty;

    /// <summary>The separator found in the file (<c>,</c> <c>;</c> or a tab).</summary>
    public string Delimiter { get; init; } = ",";

    public bool Bom { get; init; }

    public IReadOnlyList<string> Columns { get; init; } = [];

    public string? IdempotencyKey { get; init; }

    /// <summary>Data rows in the file (known once validation has read it all).</summary>
    public int? Rows { get; init; }

    public int RowsValidated { get; init; }

    public int RowsInvalid { get; init; }

    /// <summary>Documents the rows make (one per row, or one per group of rows).</summary>
    public int Documents { get; init; }

    public int DocumentsInvalid { get; init; }

    public int DocumentsImported { get; init; }

    /// <summary>Documents that exist now (new or identical to an earlier submission).</summary>
    public int Accepted { get; init; }

    /// <summary>Of <see cref="Accepted"/>, those that already existed (an earlier upload of the same rows).</summary>
    public int Replayed { get; init; }

    /// <summary>Documents the intake refused at import (e.g. a VIN another dealer retailed).</summary>
    public int Rejected { get; init; }

    /// <summary>Lines left out of partially accepted documents (kinds that allow it).</summary>
    public int LinesLeftOut { get; init; }

    public int Errors { get; init; }

    /// <summary>Column → error code → count.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> ErrorsByColumn { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, int>>();

    /// <summary>Why the file as a whole failed (unreadable at some row, no data rows), if it did.</summary>
    public BatchRowError? FileError { get; init; }

    public BatchCheckpoint Validation { get; init; } = BatchCheckpoint.Start;

    public BatchCheckpoint Import { get; init; } = BatchCheckpoint.Start;

    /// <summary>The first new document the previous import slice made: the next slice waits until the hub has routed and delivered it.</summary>
    public string? LastImported { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    public DateTimeOffset? ValidationStartedAt { get; init; }

    public DateTimeOffset? ValidatedAt { get; init; }

    public DateTimeOffset? ImportStartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string? ETag { get; init; }

    public bool IsFinished => Status is BatchStatus.Completed or BatchStatus.Rejected or BatchStatus.Failed;
}

/// <summary>Where a phase resumes: the next document, the byte offset of its first row, its row and line numbers, and the slices written.</summary>
public sealed record BatchCheckpoint(int Document, long Offset, int Row, int Line, int Slices)
{
    public static BatchCheckpoint Start { get; } = new(0, 0, 1, 1, 0);
}

public static class BatchStatus
{
    public const string Received = "Received";
    public const string Validating = "Validating";
    public const string Importing = "Importing";
    public const string Completed = "Completed";

    /// <summary>Validation found errors and the policy rejects the whole file: nothing was imported.</summary>
    public const string Rejected = "Rejected";

    /// <summary>The file could not be read to the end (or had no data rows): nothing was imported.</summary>
    public const string Failed = "Failed";
}

public enum BatchPolicy
{
    /// <summary>Any row error rejects the whole file.</summary>
    RejectFile,

    /// <summary>Valid rows become documents, invalid ones are reported (lines left out where a kind allows partial reports).</summary>
    AcceptValidRows,
}

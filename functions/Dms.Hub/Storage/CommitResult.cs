namespace Dms.Hub.Storage;

public enum CommitResult
{
    Committed,

    /// <summary>The document changed since it was read (or already exists, for an insert).</summary>
    DocumentConflict,

    /// <summary>A remembered key already exists: a concurrent duplicate.</summary>
    KeyConflict,

    /// <summary>The leased work or dead letter changed: another runner owns it now.</summary>
    WorkConflict,
}

namespace Dms.Hub.Operations;

/// <summary>Port: operators' notes, assignments and archived failures (small sets, read whole).</summary>
public interface IAnnotationStore
{
    Task AddNoteAsync(Note note, CancellationToken cancellationToken);

    /// <summary>A subject's notes, oldest first.</summary>
    Task<IReadOnlyList<Note>> NotesAsync(string subject, CancellationToken cancellationToken);

    /// <summary>Assigns the subject; a null or empty assignee removes the assignment.</summary>
    Task AssignAsync(string subject, string? assignee, string assignedBy, DateTimeOffset at, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, Assignment>> AssignmentsAsync(CancellationToken cancellationToken);

    Task ArchiveAsync(IReadOnlyList<Archived> failures, CancellationToken cancellationToken);

    Task UnarchiveAsync(IReadOnlyList<string> failureKeys, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, Archived>> ArchivedAsync(CancellationToken cancellationToken);
}

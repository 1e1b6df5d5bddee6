using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Dms.Hub.Common;
using Dms.Hub.Operations;

namespace Dms.Adapters.AzureStorage.Internal.Operations;

/// <summary>
/// Notes (partition <c>note|{subject}</c>, one row each, time-ordered), assignments (partition <c>assign</c>) and archived
/// failures (partition <c>archived</c>) in the <c>console</c> table.
/// </summary>
internal sealed class TableAnnotationStore(TableSet tables) : IAnnotationStore
{
    private TableClient Table => tables.Console;

    public async Task AddNoteAsync(Note note, CancellationToken cancellationToken) =>
        await Table.AddEntityAsync(new TableEntity(NotePartition(note.Subject), note.Id) { ["Note"] = JsonSerializer.Serialize(note, HubJson.Options) }, cancellationToken);

    public async Task<IReadOnlyList<Note>> NotesAsync(string subject, CancellationToken cancellationToken)
    {
        var notes = new List<Note>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {NotePartition(subject)}"), cancellationToken: cancellationToken))
        {
            notes.Add(JsonSerializer.Deserialize<Note>(entity.GetString("Note"), HubJson.Options)!);
        }

        return notes;
    }

    public async Task AssignAsync(string subject, string? assignee, string assignedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(assignee))
        {
            using var response = await Table.DeleteEntityAsync("assign", Key(subject), ETag.All, cancellationToken);
            return;
        }

        var assignment = new Assignment(subject, assignee.Trim(), assignedBy, at);
        await Table.UpsertEntityAsync(new TableEntity("assign", Key(subject)) { ["Assignment"] = JsonSerializer.Serialize(assignment, HubJson.Options) }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, Assignment>> AssignmentsAsync(CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, Assignment>(StringComparer.Ordinal);
        await foreach (var entity in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"assign"}"), cancellationToken: cancellationToken))
        {
            var assignment = JsonSerializer.Deserialize<Assignment>(entity.GetString("Assignment"), HubJson.Options)!;
            all[assignment.Subject] = assignment;
        }

        return all;
    }

    public async Task ArchiveAsync(IReadOnlyList<Archived> failures, CancellationToken cancellationToken)
    {
        foreach (var chunk in failures.DistinctBy(f => f.FailureKey).Chunk(100))
        {
            await Table.SubmitTransactionAsync(chunk.Select(f => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                new TableEntity("archived", Key(f.FailureKey)) { ["Archived"] = JsonSerializer.Serialize(f, HubJson.Options) })), cancellationToken);
        }
    }

    public async Task UnarchiveAsync(IReadOnlyList<string> failureKeys, CancellationToken cancellationToken) =>
        await Task.WhenAll(failureKeys.Distinct().Select(async key =>
        {
            using var response = await Table.DeleteEntityAsync("archived", Key(key), ETag.All, cancellationToken);
        }));

    public async Task<IReadOnlyDictionary<string, Archived>> ArchivedAsync(CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, Archived>(StringComparer.Ordinal);
        await foreach (var entity in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"archived"}"), cancellationToken: cancellationToken))
        {
            var archived = JsonSerializer.Deserialize<Archived>(entity.GetString("Archived"), HubJson.Options)!;
            all[archived.FailureKey] = archived;
        }

        return all;
    }

    private static string NotePartition(string subject) => "note|" + Key(subject);

    /// <summary>Subjects may hold characters row keys forbid (/ \ # ?): they are escaped.</summary>
    private static string Key(string subject) => Uri.EscapeDataString(subject);
}

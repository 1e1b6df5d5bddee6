using Dms.Hub.Workflow;

namespace Dms.Hub.Intake;

/// <summary>
/// The intake of many documents of one dealer at once (the rows of a batch file): the same checks, reservations,
/// keys and answers as one document at a time, but the new documents of a dealer share its partition, so they are
/// committed many to an entity-group transaction (<see cref="DocumentBulkCommitter"/>) instead of one each.
/// </summary>
/// <remarks>
/// What cannot be shared stays per document: a VIN's reservation lives in a partition of its own, so claiming and
/// confirming it is one round trip each. A document already taken in (the same file again, or a slice run again
/// after a crash) costs what a replay costs on REST: its all-new claim fails (its own reservation is there) or its
/// key conflicts in the group's transaction, and its earlier answer is read — never a second document.
/// </remarks>
public sealed partial class DocumentIntake
{
    /// <summary>Takes <paramref name="submissions"/> (all of one dealer) in; the answers are in the same order.</summary>
    /// <param name="parallelism">How many reservation claims and confirmations run at once.</param>
    public async Task<IReadOnlyList<IntakeResult>> SubmitManyAsync(IReadOnlyList<Submission> submissions, int parallelism, CancellationToken cancellationToken)
    {
        if (submissions.Select(s => s.Dealer.Code).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            throw new ArgumentException("The documents of one bulk intake belong to one dealer.", nameof(submissions));
        }

        var results = new IntakeResult?[submissions.Count];
        var requests = new CheckedRequest?[submissions.Count];
        var claims = new ReservationClaim?[submissions.Count];
        using (traffic.Step(submissions.Count > 0 ? submissions[0].Type.Name : "-", "intake:bulk"))
        {
            for (var i = 0; i < submissions.Count; i++)
            {
                // The checks are CPU work (rules read storage only where a document is refused): one after the other.
                (results[i], requests[i]) = await CheckAsync(submissions[i], cancellationToken);
            }

            var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(Enumerable.Range(0, submissions.Count).Where(i => requests[i] is not null), options, async (i, ct) =>
            {
                var request = requests[i]!;
                if ((claims[i] = await reservations.TryClaimNewAsync(request.Outcome.Reservations, request.Holder, ct)) is null)
                {
                    (results[i], claims[i]) = await ClaimCarefullyAsync(request, ct);
                }
            });

            var pending = Enumerable.Range(0, submissions.Count).Where(i => claims[i] is not null).ToList();
            var changes = (await Task.WhenAll(pending.Select(i => NewDocumentAsync(requests[i]!, claims[i]!, cancellationToken)))).ToList();
            var commits = await bulk.CommitAsync(changes, cancellationToken);
            await Parallel.ForEachAsync(Enumerable.Range(0, pending.Count), options, async (k, ct) =>
                results[pending[k]] = await FinishAsync(requests[pending[k]]!, changes[k], claims[pending[k]]!, commits[k], ct));
        }

        for (var i = 0; i < submissions.Count; i++)
        {
            telemetry.Submissions.Add(1, new("type", submissions[i].Type.Name), new("result", results[i]!.Kind.ToString()), new("channel", submissions[i].Actor.Channel));
        }

        return results!;
    }
}

using Dms.Hub.Dealers;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using Dms.Hub.Workflow;

namespace Dms.Functions.Startup.History;

/// <summary>
/// Demo history for <c>./dms run</c>: <see cref="DemoOptions.HistoryDays"/> days of documents of every type from the
/// demo dealers, stored exactly as live ones (document, raw payload, number key, change marker, alert timers), with
/// real dead letters an operator can replay against the OEM simulator. Deterministic, and written once per store.
/// </summary>
internal sealed partial class DemoDocumentHistory(IServiceProvider services, IDocumentStore store, DocumentCommitter committer, WorkRunner runner, TimeProvider clock, ILogger<DemoDocumentHistory> logger)
{
    private const string Marker = "demo|history|v1";
    private static readonly (string Type, int Max)[] PerDealerDay = [("retail-delivery-report", 3), ("warranty-claim", 3), ("vehicle-order", 2), ("parts-order", 3)];

    public async Task SeedAsync(IReadOnlyList<Dealer> dealers, int days, CancellationToken cancellationToken)
    {
        if (dealers.Count == 0 || days <= 0 || await store.GetKeyAsync(dealers[0].Code, Marker, cancellationToken) is not null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var written = 0;
        await Parallel.ForEachAsync(dealers, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (dealer, ct) =>
        {
            var generator = new HistoryGenerator(services);
            var random = new Random(dealer.Code.Aggregate(2026, (seed, c) => unchecked((seed * 31) + c)));
            var sold = new List<string>(); // the dealer's vehicles: later claims and VOR orders are mostly about them
            for (var day = days - 1; day >= 0; day--)
            {
                var start = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-day);
                foreach (var (type, max) in PerDealerDay)
                {
                    var count = random.Next(max + 1);
                    for (var i = 0; i < count; i++)
                    {
                        var submitted = start.AddMinutes(random.Next(7 * 60, 20 * 60)).AddSeconds(random.Next(60));
                        var vin = type is "warranty-claim" or "parts-order" && sold.Count > 0 && random.Next(10) < 7 ? sold[random.Next(sold.Count)] : null;
                        if (submitted < now && generator.Build(type, dealer, (day * 10) + i, submitted, now, random, vin) is { } generated)
                        {
                            if (type == "retail-delivery-report" && generated.Record.Body["vin"]?.GetValue<string>() is { } delivered)
                            {
                                sold.Add(delivered);
                            }

                            await StoreAsync(generated, ct);
                            Interlocked.Increment(ref written);
                        }
                    }
                }
            }
        });

        var done = new ChangeSet(dealers[0].Code);
        done.Keys.Add(new IdempotencyEntry(dealers[0].Code, Marker, "demo", string.Empty, 200, null, now));
        await store.CommitAsync(done, cancellationToken);
        LogSeeded(logger, written, days);
    }

    private async Task StoreAsync(GeneratedDocument generated, CancellationToken cancellationToken)
    {
        var document = generated.Record;
        var changes = new ChangeSet(document.DealerCode) { Document = document, Payload = generated.Payload };
        changes.Keys.Add(new IdempotencyEntry(document.DealerCode, IdempotencyEntry.ForDocumentNumber(document.DocumentType, document.DocumentNumber), generated.RequestHash,
            document.TrackingId, 202, new System.Text.Json.Nodes.JsonObject { ["status"] = document.Timeline[0].To }.ToJsonString(), document.SubmittedAt));
        if (await committer.CommitAsync(changes, cancellationToken) != CommitResult.Committed || generated.DeadLetter is not { } dead)
        {
            return;
        }

        // The work item the delivery gave up on, moved to the dead letters the way the runner does it: a real dead
        // letter an operator can replay (it is due far ahead, so nothing runs it meanwhile).
        var item = new WorkItem(dead.WorkId, WorkKinds.Deliver, document.DealerCode, document.DocumentType, document.TrackingId,
            new System.Text.Json.Nodes.JsonObject { ["deliveryId"] = dead.DeliveryId }, dead.At, clock.GetUtcNow().AddYears(1), null, dead.Attempts, dead.Reason);
        var work = new ChangeSet(document.DealerCode);
        work.NewWork.Add(item);
        if (await store.CommitAsync(work, cancellationToken) == CommitResult.Committed)
        {
            await runner.DeadLetterAsync(item.Ref, dead.Reason, cancellationToken);
        }
    }

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Demo history ready: {Documents} documents over {Days} days")]
    private static partial void LogSeeded(ILogger logger, int documents, int days);
}

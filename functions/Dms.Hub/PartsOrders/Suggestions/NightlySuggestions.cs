using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Dms.Hub.Dealers;
using Dms.Hub.Intake;
using Dms.Hub.PartsOrders.Inventory;
using Dms.Hub.Work;
using Dms.Hub.Workflow;

namespace Dms.Hub.PartsOrders.Suggestions;

/// <summary>
/// The nightly run: from <see cref="SuggestionOptions.NightlyAtUtc"/> on, once per day, for each dealer that opted in
/// (<see cref="SuggestionOptions.AutoSubmitDealers"/>), make the suggestion and submit it without confirmation
/// (orders AUTO-yyyyMMdd, -2 …), and bring the dealer's stock alerts up to date. A dealer done for the day is marked,
/// and each order is submitted under a key of its own, so a run repeated or cut short never orders twice. A dealer
/// without stock data yet is looked at again on the next run of the day.
/// </summary>
public sealed class NightlySuggestions(
    IPartsInventoryStore store, PartsPolicy policy, PartsSuggestions suggestions, StockAlerts alerts, DealerDirectory dealers, TimeProvider clock) : IScheduledJob
{
    public string Name => "parts-nightly-suggestions";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (policy.Options.Suggestions.AutoSubmitDealers.Count > 0 && now.UtcDateTime.TimeOfDay >= policy.Options.Suggestions.NightlyAtUtc)
        {
            await RunForAsync(DateOnly.FromDateTime(now.UtcDateTime), cancellationToken);
        }
    }

    /// <summary>The run for <paramref name="day"/> (again: dealers done that day are skipped).</summary>
    public async Task<NightlyReport> RunForAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var mark = "nightly|" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var options = policy.Options.Suggestions;
        var codes = options.AutoSubmitDealers.Contains("*") ? await AllAsync(cancellationToken) : options.AutoSubmitDealers;
        var outcomes = new ConcurrentBag<(string Dealer, string Outcome, int Orders)>();
        await Parallel.ForEachAsync(codes, new ParallelOptions { MaxDegreeOfParallelism = options.NightlyConcurrency, CancellationToken = cancellationToken }, async (code, token) =>
        {
            try
            {
                outcomes.Add(await RunDealerAsync(code, day, mark, token));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                outcomes.Add((code, "failed: " + ex.GetType().Name, 0));
            }
        });

        var failed = outcomes.Where(o => o.Outcome.StartsWith("failed", StringComparison.Ordinal) || o.Outcome.StartsWith("refused", StringComparison.Ordinal)).Select(o => $"{o.Dealer} {o.Outcome}").Order(StringComparer.Ordinal).ToList();
        return new NightlyReport(day, outcomes.Count, outcomes.Sum(o => o.Orders), outcomes.Count(o => o.Outcome == "nothing to order"), outcomes.Count(o => o.Outcome == "done before"),
            failed, Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 2));
    }

    private async Task<(string, string, int)> RunDealerAsync(string code, DateOnly day, string mark, CancellationToken cancellationToken)
    {
        if (await store.IsMarkedAsync(code, mark, cancellationToken))
        {
            return (code, "done before", 0);
        }

        if (await dealers.GetDealerAsync(code, cancellationToken) is not { } dealer || await store.GetHeadAsync(code, cancellationToken) is not { } head)
        {
            return (code, "no stock data", 0);
        }

        var position = await store.ReadPositionAsync(code, head, cancellationToken);
        await alerts.UpdateAsync(code, position, cancellationToken);
        var suggestion = suggestions.Build(code, head, position, new SuggestionDraft($"AUTO-{day:yyyyMMdd}"));
        if (suggestion.Drafts.Count == 0)
        {
            await store.TryMarkAsync(code, mark, cancellationToken);
            return (code, "nothing to order", 0);
        }

        await store.SaveSuggestionAsync(suggestion, cancellationToken);
        var keys = suggestion.Drafts.Select((_, i) => $"nightly:{day:yyyy-MM-dd}:{i + 1}").ToList();
        var actor = new Actor(Name, "system", "system", null);
        var results = await suggestions.SubmitAsync(dealer, suggestion.Drafts, keys, actor, cancellationToken);
        var accepted = results.Count(r => r.Kind == IntakeResultKind.Accepted);
        if (accepted == results.Count)
        {
            await store.TryMarkAsync(code, mark, cancellationToken);
            return (code, "submitted", accepted);
        }

        return (code, "refused: " + string.Join(", ", results.Where(r => r.Kind != IntakeResultKind.Accepted).Select(r => r.Code)), accepted);
    }

    private async Task<List<string>> AllAsync(CancellationToken cancellationToken)
    {
        var codes = new List<string>();
        await foreach (var code in store.ListDealersAsync(cancellationToken))
        {
            codes.Add(code);
        }

        return codes;
    }
}

/// <summary>What a nightly run did: dealers looked at, orders submitted, dealers with nothing to order or done before, failures.</summary>
public sealed record NightlyReport(DateOnly Day, int Dealers, int OrdersSubmitted, int NothingToOrder, int DoneBefore, IReadOnlyList<string> Failed, double Seconds);

namespace Dms.Hub.Insights;

/// <summary>
/// Open failures (dead-lettered deliveries not replayed since) grouped by error code, stage and destination, with
/// count, first and last seen and a daily sparkline — and the dead letters behind a group, for replay.
/// </summary>
public sealed class FailureGroups(IOpenSetStore open, ICounterStore counters, TimeProvider clock)
{
    public const int MaxRows = 20_000;
    public const int SparkDays = 14;

    /// <summary>
    /// Every matching open failure, grouped — exact and capped at <see cref="MaxRows"/>: what an action needs (replay
    /// or archive a group, a dealer's failures). A page reads <see cref="SummaryAsync"/>.
    /// </summary>
    public async Task<FailureView> ReadAsync(ViewScope scope, FailureFilter filter, IReadOnlySet<string> archived, CancellationToken cancellationToken)
    {
        var prefix = filter.GroupPrefix;
        var rows = await open.ReadAsync(OpenEntry.Failures, prefix, prefix is null ? null : prefix + "~", MaxRows, new OpenFilter(scope.Region, filter.DealerCode), cancellationToken);
        var visible = rows.Select(Failure.From).Where(f => scope.Covers(f.Region) && filter.Matches(f) && archived.Contains(f.Key) == filter.Archived).ToList();
        var groups = visible.GroupBy(f => (f.Code, f.Stage, f.Destination)).Select(g => Group(g.Key, g.Select(f => (f.At, 1L)), g.Select(f => f.DocumentType), toTheHour: false));
        return new FailureView(groups.OrderByDescending(g => g.Count).ToList(), visible, rows.Count >= MaxRows);
    }

    /// <summary>
    /// What the Failures page shows: the groups from the pre-counted tally (<see cref="FailureTally"/>) less the
    /// archived failures still open, and the newest <paramref name="newest"/> failures — read from the hours the tally
    /// says hold them, not from every open failure. A dealer or a time span (dimensions the tally does not keep) is
    /// read exactly (<see cref="ReadAsync"/>): a dealer's failures are few.
    /// </summary>
    /// <param name="archived">The archived failures by key, each as it was when archived (null when not recorded).</param>
    public async Task<FailureView> SummaryAsync(ViewScope scope, FailureFilter filter, IReadOnlyDictionary<string, Failure?> archived, int newest, CancellationToken cancellationToken)
    {
        if (filter.DealerCode is not null || filter.From is not null || filter.To is not null)
        {
            var exact = await ReadAsync(scope, filter, archived.Keys.ToHashSet(StringComparer.Ordinal), cancellationToken);
            return exact with { Items = exact.Items.OrderByDescending(f => f.At).Take(newest).ToList() };
        }

        var candidates = archived.Values.OfType<Failure>().Where(f => scope.Covers(f.Region) && filter.Matches(f)).ToList();
        var stillOpen = await open.ExistAsync(candidates.Select(f => f.Entry()).ToList(), cancellationToken);
        var archivedOpen = candidates.Where((_, i) => stillOpen[i]).ToList();

        // Per group: open failures per hour (tally minus archived), or only the archived ones.
        var hours = new Dictionary<(string Code, string Stage, string Destination), List<(DateTimeOffset Hour, long Count)>>();
        var types = new Dictionary<(string, string, string), Dictionary<string, long>>();
        void Add(string code, string stage, string destination, string type, DateTimeOffset hour, long count)
        {
            var key = (code, stage, destination);
            (hours.TryGetValue(key, out var list) ? list : hours[key] = []).Add((hour, count));
            var byType = types.TryGetValue(key, out var found) ? found : types[key] = new(StringComparer.Ordinal);
            byType[type] = byType.GetValueOrDefault(type) + count;
        }

        if (!filter.Archived)
        {
            var tally = (await counters.ReadFailureTallyAsync(cancellationToken)).Select(FailureTally.Read)
                .Where(r => scope.Covers(r.Region) && filter.MatchesGroup(r.Code, r.Stage, r.Destination, r.DocumentType));
            foreach (var row in tally)
            {
                foreach (var (hour, count) in row.Hours)
                {
                    Add(row.Code, row.Stage, row.Destination, row.DocumentType, row.Day.AddHours(hour), count);
                }
            }
        }

        foreach (var f in archivedOpen)
        {
            Add(f.Code, f.Stage, f.Destination, f.DocumentType, Hour(f.At), filter.Archived ? 1 : -1);
        }

        var groups = hours.Select(h => Group(h.Key, h.Value, types[h.Key].Where(t => t.Value > 0).Select(t => t.Key), toTheHour: true)).Where(g => g.Count > 0).OrderByDescending(g => g.Count).ToList();
        var items = filter.Archived
            ? archivedOpen.OrderByDescending(f => f.At).Take(newest).ToList()
            : await NewestAsync(scope, filter, hours.Values.SelectMany(h => h), archived, newest, cancellationToken);
        return new FailureView(groups, items, Capped: false);
    }

    /// <summary>The newest open failures: read from the latest hour that, with the later ones, holds <paramref name="newest"/> of them.</summary>
    private async Task<IReadOnlyList<Failure>> NewestAsync(ViewScope scope, FailureFilter filter, IEnumerable<(DateTimeOffset Hour, long Count)> hours, IReadOnlyDictionary<string, Failure?> archived, int newest, CancellationToken cancellationToken)
    {
        var byHour = hours.GroupBy(h => h.Hour).Select(g => (Hour: g.Key, Count: g.Sum(h => h.Count))).Where(h => h.Count > 0).OrderByDescending(h => h.Hour).ToList();
        if (newest <= 0 || byHour.Count == 0)
        {
            return [];
        }

        var (since, sum) = (byHour[^1].Hour, 0L);
        foreach (var (hour, count) in byHour)
        {
            (since, sum) = (hour, sum + count);
            if (sum >= newest)
            {
                break;
            }
        }

        var prefix = filter.GroupPrefix;
        var rows = prefix is not null
            ? await open.ReadAsync(OpenEntry.Failures, prefix + OpenSets.Time(since), prefix + "~", MaxRows, new OpenFilter(scope.Region), cancellationToken)
            : await open.ReadAsync(OpenEntry.Failures, null, null, MaxRows, new OpenFilter(scope.Region, AtOrAfter: OpenSets.Time(since)), cancellationToken);
        return rows.Select(Failure.From).Where(f => scope.Covers(f.Region) && filter.Matches(f) && !archived.ContainsKey(f.Key))
            .OrderByDescending(f => f.At).Take(newest).ToList();
    }

    private FailureGroup Group((string Code, string Stage, string Destination) key, IEnumerable<(DateTimeOffset At, long Count)> counts, IEnumerable<string> documentTypes, bool toTheHour)
    {
        var list = counts.ToList();
        var present = list.GroupBy(c => c.At).Where(g => g.Sum(c => c.Count) > 0).Select(g => g.Key).ToList();
        var today = new DateTimeOffset(clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        var spark = Enumerable.Range(0, SparkDays).Select(d => list.Where(c => c.At >= today.AddDays(d - SparkDays + 1) && c.At < today.AddDays(d - SparkDays + 2)).Sum(c => c.Count)).ToList();
        return new FailureGroup(key.Code, key.Stage, key.Destination, list.Sum(c => c.Count),
            present.Count > 0 ? present.Min() : default, present.Count > 0 ? present.Max() : default, spark,
            documentTypes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), toTheHour);
    }

    private static DateTimeOffset Hour(DateTimeOffset at) => new(at.UtcDateTime.Date.AddHours(at.UtcDateTime.Hour), TimeSpan.Zero);
}

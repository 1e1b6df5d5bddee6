using Dms.Hub.Insights;
using Dms.Hub.Operations;
using Dms.Hub.Operations.Replays;
using Dms.Hub.Work;
using Microsoft.Extensions.Primitives;

namespace Dms.Console.Internal;

/// <summary>
/// Which dead letters a replay takes: chosen ones (<c>key</c> / <c>deadLetter</c> values) or every open, unarchived
/// dead letter matching the failures filter — evaluated for the preview, and again when the job is created.
/// </summary>
public sealed class ReplaySelection(FailureGroups failures, IAnnotationStore annotations, DeadLetters deadLetters)
{
    public async Task<(IReadOnlyList<ReplayTarget> Targets, string Description)> ResolveAsync(Func<string, StringValues> get, CancellationToken cancellationToken)
    {
        var chosen = get("key").Concat(get("deadLetter")).OfType<string>().Where(k => k.Length is > 0 and < 200).Distinct(StringComparer.Ordinal).ToList();
        var archived = (await annotations.ArchivedAsync(cancellationToken)).Keys.ToHashSet();
        if (chosen.Count > 0)
        {
            var letters = await Task.WhenAll(chosen.Where(k => DeadLetter.TryParseId(k, out _, out _)).Select(k => deadLetters.GetAsync(k, cancellationToken)));
            var targets = letters.OfType<DeadLetter>().Select(l => new ReplayTarget(l.Id, l.Item.TrackingId ?? string.Empty, l.Item.DocumentType ?? string.Empty, l.Item.DealerCode, l.Item.Arg("deliveryId") ?? l.Item.Kind)).ToList();
            return (targets, $"{chosen.Count} dead letter{(chosen.Count == 1 ? "" : "s")} chosen by hand");
        }

        var filter = FailureQuery.Read(get);
        var view = await failures.ReadAsync(ViewScope.Everything, filter, archived, cancellationToken);
        var selected = view.Items.Where(f => f.DeadLetterId is not null).OrderBy(f => f.At)
            .Select(f => new ReplayTarget(f.DeadLetterId!, f.TrackingId, f.DocumentType, f.DealerCode, f.Delivery)).ToList();
        return (selected, FailureQuery.Describe(filter));
    }
}

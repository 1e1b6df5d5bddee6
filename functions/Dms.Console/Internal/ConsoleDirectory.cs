using Dms.Hub.Dealers;
using Dms.Hub.Insights;
using Dms.Hub.Registry;

namespace Dms.Console.Internal;

/// <summary>The registries the pages offer as choices (document types and statuses, dealers in the user's scope).</summary>
public sealed class ConsoleDirectory(DocumentTypeRegistry types, IDealerStore dealers)
{
    public IReadOnlyList<DocumentType> Types => types.All;

    public IEnumerable<string> Statuses(string? type) =>
        (type is not null && types.TryGet(type, out var one) ? [one] : types.All).SelectMany(t => t.States.States).Distinct().Order(StringComparer.Ordinal);

    public async Task<IReadOnlyList<Dealer>> DealersAsync(ViewScope scope, CancellationToken cancellationToken) =>
        (await dealers.ListAsync(cancellationToken)).Where(d => scope.Covers(d.Region)).OrderBy(d => d.Code, StringComparer.Ordinal).ToList();

    /// <summary>A dealer the user may see; null for one that does not exist or is another region's (the same answer).</summary>
    public async Task<Dealer?> DealerAsync(string code, ViewScope scope, CancellationToken cancellationToken) =>
        await dealers.GetAsync(code, cancellationToken) is { } dealer && scope.Covers(dealer.Region) ? dealer : null;
}

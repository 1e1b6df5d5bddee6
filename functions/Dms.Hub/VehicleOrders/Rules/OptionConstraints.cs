using Dms.Hub.Validation;

namespace Dms.Hub.VehicleOrders.Rules;

/// <summary>Option codes against a model: known ones only, then requires, excludes and one-of groups among them.</summary>
internal static class OptionConstraints
{
    public static void Check(OrderGuideModel model, string modelCode, IReadOnlyList<string> options, ICollection<ValidationError> errors)
    {
        var chosen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < options.Count; i++)
        {
            if (model.Options.ContainsKey(options[i]))
            {
                chosen[options[i]] = i;
            }
            else
            {
                errors.Add(new(Path(i), ErrorCodes.UnknownOption, $"{options[i]} is not an option of {modelCode}."));
            }
        }

        foreach (var (option, index) in chosen)
        {
            foreach (var needed in model.Requires.GetValueOrDefault(option) ?? [])
            {
                if (!chosen.ContainsKey(needed))
                {
                    errors.Add(new(Path(index), ErrorCodes.OptionRequires, $"{option} requires {needed}."));
                }
            }
        }

        foreach (var (first, second) in ExcludedPairs(model, chosen))
        {
            // The later of the two is the one reported: the dealer added it to something that rules it out.
            var (earlier, later) = chosen[first] < chosen[second] ? (first, second) : (second, first);
            errors.Add(new(Path(chosen[later]), ErrorCodes.OptionExcluded, $"{later} cannot be combined with {earlier}."));
        }

        foreach (var group in model.OneOf)
        {
            var picked = group.Options.Where(chosen.ContainsKey).OrderBy(o => chosen[o]).ToList();
            foreach (var extra in picked.Skip(1))
            {
                errors.Add(new(Path(chosen[extra]), ErrorCodes.OptionGroupConflict, $"Only one {group.Name} option may be chosen ({string.Join(", ", group.Options)}); {picked[0]} is already chosen."));
            }

            if (group.Required && picked.Count == 0)
            {
                errors.Add(new("/options", ErrorCodes.OptionGroupRequired, $"Choose one {group.Name} option: {string.Join(", ", group.Options)}."));
            }
        }
    }

    private static IEnumerable<(string, string)> ExcludedPairs(OrderGuideModel model, Dictionary<string, int> chosen) =>
        model.Excludes
            .Where(e => chosen.ContainsKey(e.Key))
            .SelectMany(e => e.Value.Where(chosen.ContainsKey).Select(other => string.CompareOrdinal(e.Key, other) < 0 ? (e.Key, other) : (other, e.Key)))
            .Distinct();

    private static string Path(int index) => JsonPointer.Append("/options", index);
}

using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Dms.Hub.PartsOrders;

/// <summary>
/// At start-up: the nested settings' ranges (data annotations stop at the top level), a known time zone, an
/// acknowledgement rule per order type that says hours or business days, a readable part master file, and part
/// master entries whose successors exist and whose chains end.
/// </summary>
internal sealed class PartsOrderOptionsValidator : IValidateOptions<PartsOrderOptions>
{
    public ValidateOptionsResult Validate(string? name, PartsOrderOptions options)
    {
        var failures = new List<string>();
        object[] nested = [options.Calendar, options.ReceiptWindows, options.Alerts, options.Suggestions, .. options.AckDue.Values, .. options.Suggestions.Dealers.Values, .. options.PartMaster.Values];
        foreach (var item in nested)
        {
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(item, new ValidationContext(item), results, validateAllProperties: true))
            {
                failures.AddRange(results.Select(r => $"{PartsOrderOptions.Section} ({item.GetType().Name}): {r.ErrorMessage}"));
            }
        }

        if (BusinessDays.TryZone(options.Calendar.TimeZone) is null)
        {
            failures.Add($"{PartsOrderOptions.Section}:Calendar:TimeZone '{options.Calendar.TimeZone}' is not a time zone this machine knows.");
        }

        failures.AddRange(options.AckDue.Where(r => (r.Value.Hours is null) == (r.Value.BusinessDays is null))
            .Select(r => $"{PartsOrderOptions.Section}:AckDue:{r.Key} sets either Hours or BusinessDays."));
        failures.AddRange(PartMasterFailures(options));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> PartMasterFailures(PartsOrderOptions options)
    {
        if (options.PartMasterFile is { Length: > 0 } file && !File.Exists(file))
        {
            yield return $"{PartsOrderOptions.Section}:PartMasterFile '{file}' does not exist.";
            yield break;
        }

        var parts = PartMaster.For(options);
        foreach (var (number, part) in options.PartMaster)
        {
            if (part.SupersededBy is { } successor && parts.Current(number) is null)
            {
                yield return $"{PartsOrderOptions.Section}:PartMaster:{number} is superseded by '{successor}', whose chain does not end in a known part.";
            }
        }
    }
}

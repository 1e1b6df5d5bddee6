using Dms.Hub.Insights;
using Dms.Hub.Workflow;
using static Dms.Hub.WarrantyClaims.WarrantyClaimStates;

namespace Dms.Hub.WarrantyClaims;

/// <summary>
/// What a claim adds to the counters for the warranty HQ page: its claimed amount by status (count, amount and
/// average per status), the decision (approval rate, cycle time from submission, approved amount) and the reason
/// codes of a denial or a rejection.
/// </summary>
internal sealed class WarrantyClaimInsights : IInsightContributor
{
    private static readonly (TimeSpan Bound, string Name)[] CycleBuckets =
        [(TimeSpan.FromDays(1), "1d"), (TimeSpan.FromDays(3), "3d"), (TimeSpan.FromDays(7), "7d"), (TimeSpan.FromDays(14), "14d"), (TimeSpan.FromDays(30), "30d"), (TimeSpan.MaxValue, "more")];

    public string DocumentType => WarrantyClaimType.TypeName;

    public void Contribute(DocumentRecord document, ICollection<Contribution> contributions)
    {
        if (document.Body["claimedTotal"] is { } total && total["amount"]?.GetValue<long>() is { } amount && total["currency"]?.GetValue<string>() is { } currency)
        {
            contributions.Add(new Contribution($"claimed.{document.Status}.{currency}", document.SubmittedAt, amount));
        }

        var decision = document.Timeline.LastOrDefault(e => e.To is Approved or PartiallyApproved or Denied);
        if (decision is not null)
        {
            var cycle = decision.At - document.SubmittedAt;
            contributions.Add(new Contribution("decided", decision.At));
            contributions.Add(new Contribution("decided." + decision.To, decision.At));
            contributions.Add(new Contribution("cycleSeconds", decision.At, (long)cycle.TotalSeconds));
            contributions.Add(new Contribution("cycle." + CycleBuckets.First(b => cycle <= b.Bound).Name, decision.At));
            if (document.Oem["decision"]?["approvedAmount"] is { } approved && approved["amount"]?.GetValue<long>() is { } value && approved["currency"]?.GetValue<string>() is { } c)
            {
                contributions.Add(new Contribution("approved." + c, decision.At, value));
            }
        }

        foreach (var reason in Reasons(document))
        {
            contributions.Add(new Contribution("reason." + reason, (decision ?? document.Timeline[^1]).At));
        }
    }

    /// <summary>The OEM's reason codes for a denial or adjusted lines, or the code of the delivery failure that rejected the claim.</summary>
    private static IEnumerable<string> Reasons(DocumentRecord document)
    {
        var decision = document.Oem["decision"];
        var codes = (decision?["reasonCodes"] as System.Text.Json.Nodes.JsonArray)?.Select(c => c?.GetValue<string>()) ?? [];
        var lines = (decision?["lines"] as System.Text.Json.Nodes.JsonArray)?.Select(l => l?["reasonCode"]?.GetValue<string>()) ?? [];
        var rejected = document.Status == Rejected && document.Deliveries.Find(d => d.Status == DeliveryStatus.Failed)?.LastError is { } error
            ? ["DELIVERY_" + FailureCodes.Classify(error)]
            : Array.Empty<string>();
        return codes.Concat(lines).OfType<string>().Where(c => c.Length is > 0 and <= 60).Concat(rejected).Distinct(StringComparer.Ordinal);
    }
}

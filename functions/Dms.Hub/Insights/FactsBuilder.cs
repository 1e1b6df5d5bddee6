using System.Collections.Frozen;
using System.Globalization;
using Dms.Hub.Dealers;
using Dms.Hub.Registry;
using Dms.Hub.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Insights;

/// <summary>Derives a document's <see cref="DocumentFacts"/> from the document as stored and its dealer.</summary>
public sealed class FactsBuilder(IServiceProvider services, IEnumerable<IInsightContributor> contributors, IOptionsMonitor<InsightsOptions> options)
{
    public const string OemChannel = "oem";
    private const int MaxCorrelationKeys = 20;
    private readonly OemMoves _oemMoves = new();
    private readonly Lazy<DocumentTypeRegistry> _types = new(services.GetRequiredService<DocumentTypeRegistry>);
    private readonly FrozenDictionary<string, IInsightContributor[]> _contributors =
        contributors.GroupBy(c => c.DocumentType, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    public DocumentFacts Build(DocumentRecord document, Dealer? dealer)
    {
        var type = _types.Value.TryGet(document.DocumentType, out var t) ? t : null;
        var channel = document.Timeline.Count > 0 ? document.Timeline[0].Channel : "unknown";
        var (awaiting, ackDue) = Awaiting(document, type);
        var contributions = FlowContributions(document, channel);
        if (awaiting)
        {
            contributions.Add(new Contribution("awaitingOem", null));
        }

        if (_contributors.TryGetValue(document.DocumentType, out var extra))
        {
            foreach (var contributor in extra)
            {
                contributor.Contribute(document, contributions);
            }
        }

        var facts = new DocumentFacts
        {
            TrackingId = document.TrackingId,
            DocumentType = document.DocumentType,
            DealerCode = document.DealerCode,
            Region = dealer?.Region ?? "(unknown)",
            District = dealer?.District,
            DocumentNumber = document.DocumentNumber,
            Status = document.Status,
            Channel = channel,
            SubmittedAt = document.SubmittedAt,
            UpdatedAt = document.UpdatedAt,
            Revision = document.Revision,
            Vin = type?.VinOf(document),
            OemReference = document.OemReference,
            Outcome = Outcome(document),
            ErrorCode = LatestFailure(document) is { } failure ? FailureCodes.Classify(failure) : null,
            AwaitingOem = awaiting,
            AckDueAt = ackDue,
            Fields = new Dictionary<string, string>(document.Fields, StringComparer.Ordinal),
            Contributions = contributions,
        };
        return facts with { Keys = Keys(document, facts), Open = OpenSets.Of(document, facts) };
    }

    private static List<Contribution> FlowContributions(DocumentRecord document, string channel)
    {
        var list = new List<Contribution>
        {
            new("received", document.SubmittedAt),
            new("received." + channel, document.SubmittedAt),
            new("status." + document.Status, document.SubmittedAt),
            new("status." + document.Status, null),
        };
        string? firstOemAnswer = null;
        foreach (var entry in document.Timeline)
        {
            var id = entry.Sequence.ToString(CultureInfo.InvariantCulture);
            switch (entry.Event)
            {
                case "Delivered":
                    list.Add(new("delivered", entry.At, Id: id));
                    break;
                case "DeliveryFailed":
                    list.Add(new("failed", entry.At, Id: id));
                    break;
                case "DeliveryDeadLettered" or "NotificationDeadLettered" or "WorkDeadLettered":
                    list.Add(new("deadLettered", entry.At, Id: id));
                    break;
            }

            if (entry.To == "Rejected" && entry.From != "Rejected")
            {
                list.Add(new("rejected", entry.At, Id: id));
            }

            if (firstOemAnswer is null && entry.Channel == OemChannel)
            {
                firstOemAnswer = id;
                var latency = entry.At - document.SubmittedAt;
                list.Add(new("ack", entry.At));
                list.Add(new($"ack.{channel}.{LatencyBuckets.Of(latency)}", entry.At));
            }
        }

        if (document.Deliveries.Exists(d => d.Status == DeliveryStatus.Pending))
        {
            list.Add(new("undelivered", null));
        }

        if (document.Deliveries.Exists(d => d.Status == DeliveryStatus.DeadLettered))
        {
            list.Add(new("deadLettered", null));
        }

        return list;
    }

    private (bool Awaiting, DateTimeOffset? DueAt) Awaiting(DocumentRecord document, DocumentType? type)
    {
        var lastDelivered = document.Deliveries.Where(d => d.Status == DeliveryStatus.Delivered && d.CompletedAt is not null).MaxBy(d => d.CompletedAt);
        if (type is null || lastDelivered is null || document.Deliveries.Exists(d => d.Status == DeliveryStatus.Pending)
            || !_oemMoves.Exist(type, document.Status)
            || document.Timeline.Exists(e => e.Channel == OemChannel && e.At >= lastDelivered.CompletedAt))
        {
            return (false, null);
        }

        var due = options.CurrentValue.AckWithin.TryGetValue(type.Name, out var within) ? lastDelivered.CompletedAt + within : null;
        return (true, due);
    }

    private static string Outcome(DocumentRecord document)
    {
        var deliveries = document.Deliveries;
        return deliveries switch
        {
            [] => "None",
            _ when deliveries.Exists(d => d.Status == DeliveryStatus.DeadLettered) => DeliveryStatus.DeadLettered,
            _ when deliveries.Exists(d => d.Status == DeliveryStatus.Failed) => DeliveryStatus.Failed,
            _ when deliveries.Exists(d => d.Status == DeliveryStatus.Pending) => DeliveryStatus.Pending,
            _ => DeliveryStatus.Delivered,
        };
    }

    private static string? LatestFailure(DocumentRecord document) =>
        document.Deliveries.Where(d => d.Status is DeliveryStatus.DeadLettered or DeliveryStatus.Failed || (d.Status == DeliveryStatus.Pending && d.LastError is not null))
            .Select(d => d.LastError).LastOrDefault(e => e is not null);

    private static List<string> Keys(DocumentRecord document, DocumentFacts facts)
    {
        var keys = new List<string> { SearchKeys.Make(SearchKeys.Number, document.DocumentNumber) };
        if (facts.Vin is { } vin)
        {
            keys.Add(SearchKeys.Make(SearchKeys.Vin, vin));
        }

        keys.AddRange(document.Deliveries.Select(d => d.OemReference).Append(document.OemReference)
            .OfType<string>().Select(r => SearchKeys.Make(SearchKeys.OemReference, r)));
        if (document.Timeline.FirstOrDefault(e => e.Event == "Submitted")?.Details?["idempotencyKey"]?.GetValue<string>() is { } idempotencyKey)
        {
            keys.Add(SearchKeys.Make(SearchKeys.IdempotencyKey, idempotencyKey));
        }

        keys.AddRange(document.Timeline.Select(e => e.CorrelationId).OfType<string>().Where(c => c.Length > 0).Distinct(StringComparer.Ordinal)
            .Take(MaxCorrelationKeys).Select(c => SearchKeys.Make(SearchKeys.Correlation, c)));
        return keys.Where(k => SearchKeys.Normalize(SearchKeys.Split(k).Value) is not null).Distinct(StringComparer.Ordinal).ToList();
    }
}

using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Dealers;
using Dms.Hub.PeriodicReports;
using Dms.Hub.Registry;
using Dms.Hub.Reporting;
using Dms.Hub.Storage;
using Dms.Hub.Workflow;

namespace Dms.Functions.Startup;

/// <summary>
/// Periodic reporting history for the demo: the last two months' monthly reports and the last five days' daily
/// summaries, mostly on time — except the late reporters (<see cref="DemoData.IsLate"/>), who owe the latest period.
/// A zero report, a superseded version and a report accepted late are in there too. Loaded once.
/// </summary>
internal sealed class DemoReporting(IDocumentBulkLoader loader, ReportSlots slots, ReportingCalendar calendar, DocumentTypeRegistry types, TimeProvider clock)
{
    private static readonly string[] Models = ["AUR-SUV", "AUR-EV", "BOR-SED"];

    public async Task SeedAsync(IReadOnlyList<Dealer> dealers, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var documents = new List<(DocumentRecord Document, IPeriodicReport Report)>();
        foreach (var type in types.All.OfType<IPeriodicReportType>())
        {
            if (calendar.ScheduleOf(type.Name) is not { } schedule)
            {
                continue;
            }

            foreach (var (dealer, index) in dealers.Select((d, i) => (d, i + 1)).Where(d => ReportingCalendar.Owes(schedule, type.Name, d.d)))
            {
                var zone = calendar.ZoneOf(dealer);
                var latest = ReportingCalendar.LatestClosed(type.Granularity, zone, now);
                if (index == 1 && (await slots.GetOrNewAsync(type.Name, latest.Minus(1).ToString(), dealer.Code, cancellationToken)).TrackingId is not null)
                {
                    return; // seeded on an earlier start
                }

                // The late reporters owe the latest period already past its due time (and what closed after it), not
                // simply the latest closed one: that one is often not due yet (a month closed yesterday is due on the
                // 10th), so the demo — and the tests reading it — would show late reporters only at some hours of the day.
                var pastDue = calendar.LatestPastDue(schedule, type.Granularity, zone, now);
                var overdue = 0;
                while (latest.Minus(overdue) != pastDue)
                {
                    overdue++;
                }

                for (var back = Math.Max(type.Granularity == PeriodGranularity.Month ? 1 : 4, overdue); back >= 0; back--)
                {
                    var period = latest.Minus(back);
                    if (back <= overdue && DemoData.IsLate(index))
                    {
                        continue;
                    }

                    var due = calendar.DueAt(schedule, period, zone);
                    var submitted = back == overdue && index == 11 ? due.AddDays(2) : due.AddHours(-(3 + (index * 7 % 60)));
                    var zero = type.Name == MonthlyFinancialStatementType.TypeName && index == 5;
                    submitted = Min(submitted, now.AddMinutes(-1));
                    if (back == 0 && index == 9 && type.Name == MonthlyStockReportType.TypeName)
                    {
                        // A corrected list: version 1 was superseded by version 2 the next hour.
                        var (first, _) = Version(type, dealer.Code, period.ToString(), 1, submitted.AddHours(-1), zero, index + 100);
                        first.Status = PeriodicReportLifecycle.Superseded;
                        documents.Add((first, null!));
                        documents.Add(Version(type, dealer.Code, period.ToString(), 2, submitted, zero, index));
                        continue;
                    }

                    documents.Add(Version(type, dealer.Code, period.ToString(), 1, submitted, zero, index));
                }
            }
        }

        await loader.LoadAsync(documents.Select(d => d.Document).ToList(), withNumberKeys: true, cancellationToken);
        foreach (var (document, report) in documents.Where(d => d.Report is not null).OrderBy(d => d.Document.SubmittedAt))
        {
            await slots.RecordVersionAsync(document, report, cancellationToken);
        }
    }

    private (DocumentRecord, IPeriodicReport) Version(IPeriodicReportType kind, string dealer, string period, int version, DateTimeOffset submitted, bool zero, int seed)
    {
        var random = new Random(seed * 31 + period.Sum(c => c));
        var lines = new JsonArray();
        if (!zero)
        {
            foreach (var line in Lines(kind.Name, random, seed))
            {
                lines.Add(line);
            }
        }

        var body = new JsonObject { ["period"] = period, ["version"] = version, ["zeroReport"] = zero, ["declaredLines"] = lines.Count, ["lines"] = lines };
        if (kind.Name == MonthlyStockReportType.TypeName)
        {
            body["partsStockValue"] = new JsonObject { ["amount"] = 50_000_000 + random.Next(900_000_000), ["currency"] = "CNY" };
        }

        var type = types.Get(kind.Name);
        var canonical = type.Canonicalize(body)!;
        var document = new DocumentRecord
        {
            TrackingId = TrackingIds.New(dealer, submitted), DocumentType = kind.Name, DealerCode = dealer, DocumentNumber = canonical.DocumentNumber,
            Status = PeriodicReportLifecycle.Accepted, SubmittedAt = submitted, UpdatedAt = submitted, Body = canonical.Body, Revision = 1,
        };
        document.Timeline.Add(new TimelineEntry(1, submitted, "Submitted", null, PeriodicReportLifecycle.Accepted, "demo-history", "history", null, new JsonObject { ["documentNumber"] = canonical.DocumentNumber }));
        return (document, kind.Read(canonical.Body));
    }

    private static IEnumerable<JsonObject> Lines(string kind, Random random, int seed) => kind switch
    {
        DailySalesSummaryType.TypeName => Models.Take(1 + random.Next(3))
            .Select(m => new JsonObject { ["modelCode"] = m, ["saleType"] = "Retail", ["units"] = random.Next(4) }),
        MonthlyStockReportType.TypeName => Enumerable.Range(0, 3 + random.Next(6))
            .Select(i => new JsonObject { ["vin"] = DemoData.VinFor(500_000 + seed * 100 + i), ["modelCode"] = i % 2 == 0 ? "AUR-SUV" : "BOR-SED", ["daysInStock"] = random.Next(120), ["status"] = "InStock" }),
        _ => new[] { ("4000", "New vehicle sales", 900_000_000L), ("4100", "Service revenue", 60_000_000L), ("5000", "Cost of vehicles", -780_000_000L), ("6100", "Floor plan interest", -3_000_000L) }
            .Select(a => new JsonObject { ["accountCode"] = a.Item1, ["description"] = a.Item2, ["amount"] = a.Item3 + random.Next(1_000_000), ["currency"] = "CNY" }),
    };

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Registry;
using Dms.Hub.RetailDeliveries;
using Dms.Hub.Sales;
using Dms.Hub.Storage;
using Dms.Hub.Workflow;

namespace Dms.Functions.Startup;

/// <summary>
/// Fifteen months of RDR history for the demo dealers (so HQ can compare a month with the same month last year),
/// loaded once as a migration would: documents in bulk, submitted a realistic few days after delivery, a few unwound.
/// </summary>
internal sealed class DemoHistory(SalesHistoryImport history, IDocumentStore store, DocumentTypeRegistry types, TimeProvider clock)
{
    private const int Months = 15;
    private static readonly string[] Models = ["AUR-SUV", "AUR-EV", "BOR-SED", "BOR-WGN"];
    private static readonly string[] SaleTypes = ["Retail", "Retail", "Retail", "Lease", "Fleet", "Demo"];

    public async Task<int> SeedAsync(int dealerCount, CancellationToken cancellationToken)
    {
        var marker = IdempotencyEntry.ForDocumentNumber(RetailDeliveryType.TypeName, Number(0));
        if (await store.GetKeyAsync(DemoData.DealerCode(1), marker, cancellationToken) is not null)
        {
            return 0;
        }

        return await history.ImportAsync(ReportsAsync(dealerCount, cancellationToken), withNumberKeys: true, cancellationToken);
    }

    private static string Number(int n) => "HIST-" + n.ToString("D6", CultureInfo.InvariantCulture);

    private async IAsyncEnumerable<DocumentRecord> ReportsAsync(int dealerCount, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var type = types.Get(RetailDeliveryType.TypeName);
        var random = new Random(2026);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var n = 0;
        for (var day = new DateOnly(today.Year, today.Month, 1).AddMonths(-(Months - 1)); day < today; day = day.AddDays(1))
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = random.Next(3); i > 0; i--)
            {
                var dealer = 1 + (n == 0 ? 0 : random.Next(dealerCount));
                var lag = random.NextDouble() switch { < 0.5 => 0, < 0.75 => 1, < 0.85 => 2, < 0.95 => random.Next(3, 8), _ => random.Next(8, 31) };
                var submitted = new DateTimeOffset(day.AddDays(lag).ToDateTime(new TimeOnly(10 + random.Next(9), random.Next(60))), TimeSpan.Zero);
                var body = new JsonObject
                {
                    ["reportNumber"] = Number(n), ["vin"] = DemoData.VinFor(1000 + n), ["saleDate"] = Date(day.AddDays(-random.Next(4))), ["deliveryDate"] = Date(day),
                    ["deliveryOdometer"] = new JsonObject { ["value"] = 5 + random.Next(40), ["unit"] = "km" }, ["saleType"] = SaleTypes[random.Next(SaleTypes.Length)],
                    ["vehicle"] = new JsonObject { ["modelCode"] = Models[random.Next(Models.Length)], ["modelYear"] = day.Year },
                    ["buyer"] = new JsonObject { ["type"] = "Person", ["name"] = $"History Buyer {n}" },
                };
                yield return Document(type, DemoData.DealerCode(dealer), Number(n), type.Canonicalize(body)!.Body, submitted < now ? submitted : now, unwound: random.NextDouble() < 0.04);
                n++;
            }
        }

        await Task.CompletedTask;
    }

    private static DocumentRecord Document(DocumentType type, string dealer, string number, JsonObject body, DateTimeOffset submitted, bool unwound)
    {
        var document = new DocumentRecord
        {
            TrackingId = TrackingIds.New(dealer, submitted), DocumentType = type.Name, DealerCode = dealer, DocumentNumber = number,
            Status = unwound ? RetailDeliveryStates.Unwound : RetailDeliveryStates.Accepted, SubmittedAt = submitted, UpdatedAt = submitted, Body = body, Revision = 1,
        };
        document.Timeline.Add(new TimelineEntry(1, submitted, "Submitted", null, RetailDeliveryStates.Accepted, "demo-history", "history", null, new JsonObject { ["documentNumber"] = number }));
        if (unwound)
        {
            document.Revision = 2;
            document.Timeline.Add(new TimelineEntry(2, submitted.AddDays(3), "Unwind", RetailDeliveryStates.Accepted, RetailDeliveryStates.Unwound, dealer, "history", null, new JsonObject { ["reason"] = "FINANCING_DECLINED" }));
        }

        return document;
    }

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

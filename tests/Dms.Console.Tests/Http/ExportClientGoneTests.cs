using Dms.Functions.Startup.History;
using Dms.Hub.Dealers;
using Dms.Hub.Insights;
using Dms.Hub.Operations;

namespace Dms.Console.Tests.Http;

/// <summary>
/// An export whose client leaves mid-file: the hub stops reading pages nobody will receive, and still audits what it
/// wrote, saying the client left — next to the same export read to its end (newest first across its pages), audited
/// whole.
/// </summary>
[Collection(ConsoleHub.Name)]
public sealed class ExportClientGoneTests(ConsoleFixture fixture)
{
    // Six pages of the export (500 at a time): whoever leaves after the first has five more to skip.
    private const int Documents = 2_600;

    // The documents are written to the listing only (no counters), so they lie in days no other test of the shared
    // console reads: the recounts compare counters with the listing over the last 60 days.
    private static readonly DateTimeOffset Until = new(DateTime.UtcNow.Date.AddDays(-100), TimeSpan.Zero);
    private static readonly string Range = $"&from={Until.AddDays(-5):yyyy-MM-dd}&to={Until:yyyy-MM-dd}";

    [Fact]
    public async Task Export_ClientLeavesAfterTheFirstRows_StopsAndIsAuditedWithWhatWasWritten()
    {
        var dealer = await ListedDealerAsync();
        using var viewer = fixture.Console();
        Assert.True(await viewer.SignInAsync(ConsoleFixture.ViewerKey));

        using (var whole = await viewer.GetAsync($"/console/documents/export.csv?dealer={dealer}{Range}"))
        {
            var lines = (await whole.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(Documents + 1, lines.Length);
            Assert.Equal(Documents, lines.Skip(1).Select(l => l.Split(',')[0]).Distinct(StringComparer.Ordinal).Count()); // no row lost or doubled where pages meet
            var submitted = lines.Skip(1).Select(l => l.Split(',')[12]).ToList(); // ISO 8601 in UTC: ordered as text
            Assert.Equal(submitted.OrderDescending(StringComparer.Ordinal), submitted); // newest first across the pages the file is read by
        }

        using (var left = await viewer.GetStreamingAsync($"/console/documents/export.csv?dealer={dealer}{Range}&sort=oldest"))
        {
            using var reader = new StreamReader(await left.Content.ReadAsStreamAsync());
            for (var i = 0; i < 10; i++)
            {
                Assert.NotNull(await reader.ReadLineAsync());
            }
        } // the connection is dropped here, 5 pages before the end

        var full = await AuditedAsync($"documents?dealer={dealer}{Range}");
        Assert.Equal(Documents, full.Count);
        Assert.Null(full.Details);
        var gone = await AuditedAsync($"documents?dealer={dealer}{Range}&sort=oldest");
        Assert.InRange(gone.Count, 9, Documents - 1);
        Assert.Equal($"The client left after {gone.Count} rows.", gone.Details);
    }

    /// <summary>A new dealer with <see cref="Documents"/> documents of the four days before <see cref="Until"/> in the listing (as the projector writes them).</summary>
    private async Task<string> ListedDealerAsync()
    {
        var code = (await fixture.DealerAsync()).Code;
        var dealer = (await fixture.Hub.Service<IDealerStore>().GetAsync(code, CancellationToken.None))!;
        var generator = new HistoryGenerator(fixture.Hub.Services);
        var builder = fixture.Hub.Service<FactsBuilder>();
        var random = new Random(4);
        var facts = new List<DocumentFacts>();
        for (var n = 0; facts.Count < Documents; n++)
        {
            if (generator.Build("retail-delivery-report", dealer, n, Until.AddMinutes(-random.Next(1, 4 * 24 * 60)), Until, random) is { } generated)
            {
                facts.Add(builder.Build(generated.Record, dealer));
            }
        }

        await fixture.Hub.Service<IListingStore>().PutAsync(facts, [], CancellationToken.None);
        return code;
    }

    private async Task<AuditRecord> AuditedAsync(string target)
    {
        var page = await Eventually.GetAsync(
            () => fixture.Hub.Service<IAuditLog>().ListAsync(new(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1), 50, "vera", "ExportedDocuments"), CancellationToken.None),
            page => page.Items.Any(r => r.Target == target), what: "the export of " + target + " is audited");
        return page.Items.First(r => r.Target == target);
    }
}

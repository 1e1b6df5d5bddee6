namespace Dms.Console.Tests.Http;

/// <summary>CSV export: RFC 4180, formula-safe, the page's filters, no personal data, and audited with its row count.</summary>
[Collection(ConsoleHub.Name)]
public sealed class ExportTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Export_IsRfc4180AndFormulaSafe_ListsTheFilteredDocuments_AndIsAudited()
    {
        // A region is free text an admin typed: the cell a spreadsheet would run as a formula.
        var region = "=HYPERLINK(\"x\")" + TestDocuments.Next();
        var dealer = await fixture.DealerAsync(region);
        await fixture.SubmitAsync(dealer, "retail-delivery-reports", TestDocuments.Rdr(TestDocuments.NewVin()));
        await fixture.SubmitAsync(dealer, "retail-delivery-reports", TestDocuments.Rdr(TestDocuments.NewVin()));
        await fixture.CaughtUpAsync();
        using var viewer = fixture.Console();
        Assert.True(await viewer.SignInAsync(ConsoleFixture.ViewerKey));

        using var response = await viewer.GetAsync($"/console/documents/export.csv?dealer={dealer.Code}");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("trackingId,documentType,documentNumber,dealerCode", lines[0], StringComparison.Ordinal);
        Assert.Contains($",\"'{region.Replace("\"", "\"\"", StringComparison.Ordinal)}\",", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("," + region, csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Test Buyer", csv, StringComparison.Ordinal);
        var audit = await Eventually.GetAsync(
            () => fixture.Hub.Service<Dms.Hub.Operations.IAuditLog>().ListAsync(new(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1), 50, "vera", "ExportedDocuments"), CancellationToken.None),
            page => page.Items.Any(r => r.Target.Contains(dealer.Code, StringComparison.Ordinal)), what: "the export is audited");
        Assert.Equal(2, audit.Items.First(r => r.Target.Contains(dealer.Code, StringComparison.Ordinal)).Count);
    }
}

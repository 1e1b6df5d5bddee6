using System.Net;

namespace Dms.Console.Tests.Http;

/// <summary>
/// A regional manager sees one region on every page, search, export and hand-typed URL: another region's dealer or
/// document answers 404 exactly like one that does not exist, and exports and lists leave it out.
/// </summary>
[Collection(ConsoleHub.Name)]
public sealed class RegionTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task RegionalManager_AnotherRegionsDocumentDealerAndHqLevel_Are404()
    {
        var south = await fixture.DealerAsync("South");
        var tracking = await fixture.SubmitAsync(south, "retail-delivery-reports", TestDocuments.Rdr(TestDocuments.NewVin()));
        await fixture.CaughtUpAsync();
        using var north = fixture.Console();
        Assert.True(await north.SignInAsync(ConsoleFixture.NorthKey));

        Assert.Equal(HttpStatusCode.NotFound, (await north.GetTextAsync($"/console/documents/{tracking}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await north.GetTextAsync($"/console/documents/{tracking[..^1]}X")).Status); // a missing one looks the same
        Assert.Equal(HttpStatusCode.NotFound, (await north.GetTextAsync($"/console/dealers/{south.Code}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await north.GetTextAsync("/console/hq/warranty?region=South")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await north.GetTextAsync($"/console/hq/vehicle-orders?region=North&dealer={south.Code}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await north.GetTextAsync("/console/dealers/D005")).Status); // D005 is North's
    }

    [Fact]
    public async Task RegionalManager_SearchListsAndExports_LeaveOtherRegionsOut()
    {
        var vin = TestDocuments.NewVin();
        var south = await fixture.DealerAsync("South");
        var northDealer = await fixture.DealerAsync("North");
        await fixture.SubmitAsync(south, "retail-delivery-reports", TestDocuments.Rdr(vin));
        await fixture.CaughtUpAsync();
        using var north = fixture.Console();
        Assert.True(await north.SignInAsync(ConsoleFixture.NorthKey));
        using var viewer = fixture.Console();
        Assert.True(await viewer.SignInAsync(ConsoleFixture.ViewerKey));

        var (_, hidden) = await north.GetTextAsync($"/console/documents?q={vin}");
        var (_, shown) = await viewer.GetTextAsync($"/console/documents?q={vin}");
        var (_, exportOther) = await north.GetTextAsync($"/console/documents/export.csv?dealer={south.Code}&region=South");
        var (_, exportAll) = await north.GetTextAsync("/console/documents/export.csv?from=2020-01-01");
        var (_, dealers) = await north.GetTextAsync("/console/dealers");

        Assert.Contains("0 documents carry", hidden, StringComparison.Ordinal);
        Assert.Contains("1 document carries", shown, StringComparison.Ordinal);
        Assert.Single(exportOther.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)); // the header only
        var rows = exportAll.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("North", r.Split(',')[4]));
        Assert.Contains(northDealer.Code, dealers, StringComparison.Ordinal);
        Assert.DoesNotContain(south.Code, dealers, StringComparison.Ordinal);
    }
}

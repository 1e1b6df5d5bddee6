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
        Assert.Equal(HttpStatusCode.NotFound, (await north.GetTextAsync("/console/hq/parts?region=South")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await north.GetTextAsync("/console/hq/sales?region=South")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await north.GetTextAsync($"/console/hq/sales?dealer={south.Code}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await north.GetTextAsync("/console/hq/periodic-reports?region=South")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await north.GetTextAsync($"/console/hq/periodic-reports?dealer={south.Code}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await north.GetTextAsync($"/console/hq/parts?region=North&dealer={south.Code}")).Status);
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

    /// <summary>
    /// Every page a regional manager can open, with the other region's dealer, VIN and numbers typed into its URL:
    /// none of them shows up; the same pages show them to a Viewer (so the check can fail). Replay jobs span regions,
    /// so their pages and downloads are closed to regional managers.
    /// </summary>
    [Fact]
    public async Task RegionalManager_EveryPage_ShowsNothingOfAnotherRegion()
    {
        var south = await fixture.DealerAsync("South");
        var vin = TestDocuments.NewVin();
        string[] tracking =
        [
            await fixture.SubmitAsync(south, "retail-delivery-reports", TestDocuments.Rdr(vin)),
            await fixture.SubmitAsync(south, "warranty-claims", TestDocuments.Claim(vin)),
        ];
        var vor = new System.Text.Json.Nodes.JsonObject
        {
            ["dealerOrderNumber"] = "VOR-" + TestDocuments.Next(), ["orderType"] = "VOR", ["vin"] = vin, ["repairOrderNumber"] = "RO-" + TestDocuments.Next(),
            ["lines"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["lineNumber"] = 1, ["partNumber"] = "45022-AUR-010", ["quantity"] = 1, ["unitOfMeasure"] = "SET" }),
        };
        tracking = [.. tracking, await fixture.SubmitAsync(south, "parts-orders", vor)];
        var vorNumber = vor["dealerOrderNumber"]!.GetValue<string>();
        await fixture.CaughtUpAsync();
        using var north = fixture.Console();
        Assert.True(await north.SignInAsync(ConsoleFixture.NorthKey));
        using var viewer = fixture.Console();
        Assert.True(await viewer.SignInAsync(ConsoleFixture.ViewerKey));
        var code = south.Code;
        string[] pages =
        [
            "/console", "/console?window=30d", $"/console?region=South&dealer={code}", "/console/documents", $"/console/documents?q={vin}", $"/console/documents?dealer={code}",
            "/console/documents?region=South&from=2020-01-01", "/console/documents?type=parts-order&from=2020-01-01", $"/console/documents?q={tracking[0]}",
            $"/console/documents?field=orderType:VOR&from=2020-01-01", $"/console/failures?dealer={code}", "/console/failures", "/console/dealers", "/console/alerts",
            "/console/audit", "/console/hq", "/console/hq/warranty", "/console/hq/vehicle-orders", "/console/hq/parts", "/console/hq/parts?region=North",
            $"/console/vehicles/{vin}", $"/console/documents/export.csv?q={vin}", "/console/documents/export.csv?from=2020-01-01&type=parts-order",
            $"/console/documents/{tracking[2]}", $"/console/dealers/{code}", "/console/hq/sales", "/console/hq/sales?region=North", "/console/hq/periodic-reports",
            $"/console/hq/periodic-reports/errors?dealer={code}&batch=x",
        ];

        foreach (var page in pages)
        {
            var (status, body) = await north.GetTextAsync(page);
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{page} answered {(int)status}");

            // What was typed into the URL is echoed in the search box and the status line; nothing else may name the other region's data.
            var typed = Uri.UnescapeDataString(page);
            foreach (var key in new[] { vin, code, vorNumber }.Concat(tracking).Where(k => !typed.Contains(k, StringComparison.OrdinalIgnoreCase)))
            {
                Assert.False(body.Contains(key, StringComparison.OrdinalIgnoreCase), $"{page} shows {key} of another region");
            }

            foreach (var id in tracking)
            {
                Assert.False(body.Contains($"/console/documents/{id}", StringComparison.OrdinalIgnoreCase), $"{page} links {id} of another region");
            }
        }

        Assert.Contains(code, (await viewer.GetTextAsync($"/console/documents?q={vin}")).Body, StringComparison.Ordinal);
        Assert.Contains(vorNumber, (await viewer.GetTextAsync($"/console/vehicles/{vin}")).Body, StringComparison.Ordinal);
        Assert.Contains($"/console/documents/{tracking[0]}", (await viewer.GetTextAsync($"/console/documents?q={vin}")).Body, StringComparison.Ordinal);
        Assert.Contains(code, (await viewer.GetTextAsync("/console/dealers")).Body, StringComparison.Ordinal);
        foreach (var closed in new[] { "/console/replays", "/console/replays/any-job", "/console/replays/any-job/items.csv", "/console/replays/any-job/progress" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await north.GetTextAsync(closed)).Status);
        }
    }
}

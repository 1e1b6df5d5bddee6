using System.Net;

namespace Dms.Functions.Tests.Batches;

/// <summary>
/// Parts stock snapshots as CSV files (issues 11 and 12): rows grouped by snapshot ID become snapshots taken by the same
/// parts inventory as <c>POST /api/v1/parts-inventory</c> — the chain of full and incremental snapshots, a gap and a
/// bad row refused with their rows and codes, and the same file again a replay.
/// </summary>
public sealed class PartsInventoryFileTests(BatchFixture fixture) : IClassFixture<BatchFixture>
{
    private const string Header = "snapshot_id,kind,as_of,previous_snapshot_id,part_number,on_hand,reserved,on_order,twelve_month_sales,bin";

    private HubHost Hub => fixture.Hub;

    [Fact]
    public async Task SnapshotFiles_FullThenIncremental_TakenByTheInventory_SameFileAgainReplayed_GapAndBadRowRefusedWithRowAndCode()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var full = TestCsv.Bytes(TestCsv.File(Header,
        [
            "F1,Full,2026-11-29T06:00:00Z,,15400-AUR-001,5,1,0,60,A-01",
            "F1,Full,2026-11-29T06:00:00Z,,98079-AUR-200,8,,2,120,A-02",
            "F1,Full,2026-11-29T06:00:00Z,,17220-AUR-030,2,,,24,\"B-07, top\"",
        ]));

        var first = await BatchClient.UploadAndWaitAsync(dealer.Http, "parts-inventory", full);
        var again = await BatchClient.UploadAndWaitAsync(dealer.Http, "parts-inventory", full);

        Assert.Equal(("Completed", 3, 1, 0), (first["status"]!.GetValue<string>(), first["progress"]!["rows"]!.GetValue<int>(), first["progress"]!["accepted"]!.GetValue<int>(), first["progress"]!["replayed"]!.GetValue<int>()));
        Assert.Equal(("Completed", 1, 1), (again["status"]!.GetValue<string>(), again["progress"]!["accepted"]!.GetValue<int>(), again["progress"]!["replayed"]!.GetValue<int>()));
        var results = (await dealer.Http.GetJsonAsync(first["links"]!["results"]!.GetValue<string>()))["items"]!.AsArray();
        Assert.Equal("F1", Assert.Single(results)!["trackingId"]!.GetValue<string>());
        var head = await dealer.Http.GetJsonAsync("/api/v1/parts-inventory");
        Assert.Equal(("F1", 1, 3), (head["snapshotId"]!.GetValue<string>(), head["sequence"]!.GetValue<int>(), head["stockedParts"]!.GetValue<int>()));
        var part = await dealer.Http.GetJsonAsync("/api/v1/parts-inventory/parts/17220-AUR-030");
        Assert.Equal((2, "B-07, top"), (part["stock"]!["onHand"]!.GetValue<int>(), part["stock"]!["bin"]!.GetValue<string>()));

        var incremental = await BatchClient.UploadAndWaitAsync(dealer.Http, "parts-inventory", TestCsv.Bytes(TestCsv.File(Header,
            ["I2,Incremental,2026-11-30T06:00:00Z,F1,15400-AUR-001,1,,,,"])));
        Assert.Equal(("Completed", 1), (incremental["status"]!.GetValue<string>(), incremental["progress"]!["accepted"]!.GetValue<int>()));
        Assert.Equal(("I2", 2, 3), await HeadAsync(dealer));

        // An incremental snapshot that does not follow the head: refused at import, on its previous_snapshot_id cell.
        var gap = await BatchClient.UploadAndWaitAsync(dealer.Http, "parts-inventory", TestCsv.Bytes(TestCsv.File(Header,
            ["I3,Incremental,2026-11-30T07:00:00Z,F1,98079-AUR-200,0,,,,"])));
        Assert.Equal((0, 1), (gap["progress"]!["accepted"]!.GetValue<int>(), gap["progress"]!["rejected"]!.GetValue<int>()));
        var gapError = Assert.Single((await dealer.Http.GetJsonAsync(gap["links"]!["errors"]!.GetValue<string>()))["items"]!.AsArray())!;
        Assert.Equal((2, "previous_snapshot_id", "INVENTORY_SEQUENCE_GAP"), (gapError["row"]!.GetValue<int>(), gapError["column"]!.GetValue<string>(), gapError["code"]!.GetValue<string>()));

        // A bad row (negative stock), or a part listed twice: the snapshot is refused whole, nothing changes.
        var bad = await BatchClient.UploadAndWaitAsync(dealer.Http, "parts-inventory", TestCsv.Bytes(TestCsv.File(Header,
            ["F5,Full,2026-11-30T08:00:00Z,,15400-AUR-001,3,,,,", "F5,Full,2026-11-30T08:00:00Z,,98079-AUR-200,-4,,,,"])));
        var twice = await BatchClient.UploadAndWaitAsync(dealer.Http, "parts-inventory", TestCsv.Bytes(TestCsv.File(Header,
        [
            "F6,Full,2026-11-30T08:00:00Z,,15400-AUR-001,3,,,,",
            "F6,Full,2026-11-30T08:00:00Z,,98079-AUR-200,4,,,,",
            "F6,Full,2026-11-30T08:00:00Z,,15400-AUR-001,2,,,,",
        ])));
        Assert.Equal(("Rejected", 0, "Rejected", 0), (bad["status"]!.GetValue<string>(), bad["progress"]!["accepted"]!.GetValue<int>(), twice["status"]!.GetValue<string>(), twice["progress"]!["accepted"]!.GetValue<int>()));
        var badError = Assert.Single((await dealer.Http.GetJsonAsync(bad["links"]!["errors"]!.GetValue<string>()))["items"]!.AsArray())!;
        Assert.Equal((3, "on_hand", "-4"), (badError["row"]!.GetValue<int>(), badError["column"]!.GetValue<string>(), badError["value"]!.GetValue<string>()));
        var twiceError = Assert.Single((await dealer.Http.GetJsonAsync(twice["links"]!["errors"]!.GetValue<string>()))["items"]!.AsArray())!;
        Assert.Equal((4, "part_number", "DUPLICATE_PART"), (twiceError["row"]!.GetValue<int>(), twiceError["column"]!.GetValue<string>(), twiceError["code"]!.GetValue<string>()));
        Assert.Equal(("I2", 2, 3), await HeadAsync(dealer));

        var layout = await dealer.Http.GetJsonAsync("/api/v1/batches/layouts/parts-inventory");
        Assert.True(layout["columns"]!.AsArray().Any(c => c!["name"]!.GetValue<string>() == "part_number"), layout.ToJsonString());
        using var template = await dealer.Http.GetAsync("/api/v1/batches/layouts/parts-inventory/template");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        Assert.StartsWith("snapshot_id,kind,as_of", await template.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<(string, int, int)> HeadAsync(DealerSession dealer)
    {
        var head = await dealer.Http.GetJsonAsync("/api/v1/parts-inventory");
        return (head["snapshotId"]!.GetValue<string>(), head["sequence"]!.GetValue<int>(), head["stockedParts"]!.GetValue<int>());
    }
}

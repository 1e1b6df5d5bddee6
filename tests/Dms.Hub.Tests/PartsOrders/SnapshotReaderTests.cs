using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Intake;
using Dms.Hub.PartsOrders.Inventory;
using Dms.Hub.Validation;

namespace Dms.Hub.Tests.PartsOrders;

/// <summary>
/// Reading a snapshot part by part answers exactly as checking it as one document: the same snapshot from every valid
/// example, the same errors (path and code) from every invalid one and from faults spread over many parts.
/// </summary>
public sealed class SnapshotReaderTests
{
    private static readonly SchemaCatalog Catalog = new();
    private static readonly string[] Kinds = ["valid", "invalid"];

    public static TheoryData<string> Examples() => [.. Kinds
        .SelectMany(kind => Directory.EnumerateFiles(Path.Combine(Folder(), kind), "*.json"))
        .Where(f => !f.EndsWith("expected-errors.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Examples))]
    public void TryRead_Example_AnswersAsTheWholeDocumentCheck(string file)
    {
        var text = File.ReadAllText(file);

        var read = SnapshotReader.TryRead(Catalog, Encoding.UTF8.GetBytes(text), out var snapshot, out var failure);

        AssertSameAsWholeDocument(text, read, snapshot, failure);
    }

    [Fact]
    public void TryRead_ThousandsOfPartsWithFaultsHereAndThere_EveryFaultWithItsPath_ValidOnesRead()
    {
        var parts = new JsonArray([.. Enumerable.Range(0, 5000).Select(i => (JsonNode)new JsonObject
        {
            ["partNumber"] = i % 997 == 0 ? "lower-" + i : $"P{i:D5}-X",
            ["onHand"] = i % 1499 == 0 ? -1 : i,
            ["dailyDemand"] = new JsonObject { ["from"] = "2026-06-01", ["sales"] = new JsonArray([.. Enumerable.Range(0, 180).Select(d => (JsonNode)((d + i) % 4))]) },
        })]);
        var faulty = new JsonObject { ["snapshotId"] = "BIG", ["kind"] = "Full", ["asOf"] = "2026-11-30T06:00:00Z", ["parts"] = parts, ["surprise"] = 1 };

        AssertSameAsWholeDocument(faulty.ToJsonString(), SnapshotReader.TryRead(Catalog, Encoding.UTF8.GetBytes(faulty.ToJsonString()), out var none, out var failure), none, failure);
        Assert.Equal(6 + 4 + 1, failure!.Errors!.Count);

        foreach (var part in parts.OfType<JsonObject>())
        {
            part["partNumber"] = "P" + part["onHand"]!.GetValue<int>().ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
            part["onHand"] = 1;
        }

        faulty.Remove("surprise");
        Assert.True(SnapshotReader.TryRead(Catalog, Encoding.UTF8.GetBytes(faulty.ToJsonString()), out var snapshot, out _));
        Assert.Equal((5000, 180), (snapshot.Parts.Count, snapshot.Parts[4999].DailyDemand!.Sales.Count));
    }

    [Theory]
    [InlineData("{\"snapshotId\":", "MALFORMED_JSON")]
    [InlineData("[1,2]", "INVALID_TYPE")]
    [InlineData("{\"snapshotId\":\"S1\",\"snapshotId\":\"S2\",\"kind\":\"Full\",\"asOf\":\"2026-11-30T06:00:00Z\",\"parts\":[]}", "MALFORMED_JSON")]
    public void TryRead_NotASnapshotObject_RefusedLikeAnyBody(string body, string code)
    {
        Assert.False(SnapshotReader.TryRead(Catalog, Encoding.UTF8.GetBytes(body), out _, out var failure));
        Assert.Equal(code, failure.Errors![0].Code);
    }

    private static void AssertSameAsWholeDocument(string text, bool read, InventorySnapshot? snapshot, IntakeResult? failure)
    {
        var whole = SchemaValidator.Validate(Catalog.Get(PartsInventory.SchemaName), text);
        Assert.Equal(whole.Count == 0, read);
        if (read)
        {
            var expected = JsonNode.Parse(text).Deserialize<InventorySnapshot>(HubJson.Options)!;
            Assert.Equal(JsonSerializer.Serialize(expected, HubJson.Options), JsonSerializer.Serialize(snapshot, HubJson.Options));
        }
        else
        {
            Assert.Equal(whole.Select(e => (e.Path, e.Code)).Order(), failure!.Errors!.Select(e => (e.Path, e.Code)).Order());
        }
    }

    private static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "schemas", "examples", "parts-inventory");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("schemas/examples/parts-inventory not found");
    }
}

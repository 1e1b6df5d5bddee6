using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Workflow;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dms.Hub.Tests.Workflow;

public sealed class DocumentCacheTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Get_AfterPut_AnEqualPrivateCopyWithTheETag()
    {
        var cache = Cache();
        var document = Document("D001-01JAAAAAAAAAAAAAAAAAAAAAAA");
        cache.Put(document);

        var copy = cache.Get(Key(document))!;
        copy.Status = "Changed";
        copy.Deliveries[0].Status = "Delivered";

        Assert.Equal(Json(document), Json(cache.Get(Key(document))!));
        Assert.Equal("W/\"1\"", cache.Get(Key(document))!.ETag);
    }

    [Fact]
    public void Get_NoETagOldOrOtherKey_Nothing()
    {
        var cache = Cache();
        var unstored = Document("D001-01JBBBBBBBBBBBBBBBBBBBBBBB");
        unstored.ETag = null;
        var stored = Document("D001-01JCCCCCCCCCCCCCCCCCCCCCCC");
        cache.Put(unstored);
        cache.Put(stored);

        Assert.Null(cache.Get(Key(unstored)));
        Assert.Null(cache.Get(Key(stored) with { DealerCode = "D002" }));
        _clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Null(cache.Get(Key(stored)));
    }

    [Fact]
    public void Put_BeyondTwoGenerations_TheOldestGo()
    {
        var cache = Cache(maxEntries: 2);
        var documents = Enumerable.Range(0, 5).Select(i => Document($"D001-01JDDDDDDDDDDDDDDDDDDDD{i}AA")).ToList();
        documents.ForEach(d => cache.Put(d));

        Assert.Equal([false, false, true, true, true], documents.Select(d => cache.Get(Key(d)) is not null));
    }

    private DocumentCache Cache(int maxEntries = 16) => new(Options.Create(new DocumentCacheOptions { MaxEntries = maxEntries, MaxAgeSeconds = 60 }), _clock);

    private static DocumentKey Key(DocumentRecord document) => new(document.DealerCode, document.DocumentType, document.TrackingId);

    private static string Json(DocumentRecord document) => JsonSerializer.Serialize(document, HubJson.Options);

    private DocumentRecord Document(string trackingId) => new()
    {
        TrackingId = trackingId,
        DocumentType = "warranty-claim",
        DealerCode = "D001",
        DocumentNumber = "WC-1",
        Status = "Submitted",
        Revision = 2,
        SubmittedAt = _clock.GetUtcNow(),
        UpdatedAt = _clock.GetUtcNow(),
        Body = new JsonObject { ["dealerClaimNumber"] = "WC-1", ["laborLines"] = new JsonArray(new JsonObject { ["hours"] = 1.5 }) },
        Oem = new JsonObject { ["decision"] = new JsonObject { ["type"] = "Approved" } },
        Timeline = [new TimelineEntry(1, _clock.GetUtcNow(), "Submitted", null, "Submitted", "D001", "rest", "corr", new JsonObject { ["documentNumber"] = "WC-1" })],
        Deliveries = [new DeliveryRecord { Id = "M-1@oem", Destination = "oem", MessageType = "M", ContentVersion = 1, CreatedAt = _clock.GetUtcNow(), Details = new JsonObject { ["reason"] = "R" } }],
        ETag = "W/\"1\"",
    };
}

using Dms.Hub.Work;

namespace Dms.Hub.Tests.Work;

public sealed class WorkMessageTests
{
    [Theory]
    [InlineData("2026-11-23T10:00:00.0000000Z", "2026-11-23T10:00:01.0000000Z")]
    [InlineData("2026-11-23T10:00:00.0000001Z", "2026-11-23T10:00:02.0000000Z")]
    [InlineData("2026-11-23T10:00:00.9990000Z", "2026-11-23T10:00:02.0000000Z")]
    public void WholeSecondsAfter_RoundsUpAndAddsASecond_NeverEarly(string due, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            WorkMessage.WholeSecondsAfter(DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void MessageId_FirstDispatchIsTheWorkId_FollowUpsCarryTheAttempt()
    {
        var message = new WorkMessage(WorkKinds.Route, "D001", "01JAAAAAAAAAAAAAAAAAAAAAAA", 0, DateTimeOffset.UnixEpoch);

        Assert.Equal(("01JAAAAAAAAAAAAAAAAAAAAAAA", "01JAAAAAAAAAAAAAAAAAAAAAAA.2"), (message.MessageId, (message with { Attempt = 2 }).MessageId));
        Assert.Equal(message, WorkMessage.FromJson(message.ToJson().ToJsonString()));
        Assert.Null(WorkMessage.FromJson("""{"kind":"route","dealer":"d001","workId":"x","attempt":0,"notBefore":"2026-01-01T00:00:00Z"}"""));
    }

    [Fact]
    public void MessageId_ADeferralIsANewMessageForTheSameAttempt()
    {
        var message = new WorkMessage(WorkKinds.Deliver, "D001", "01JAAAAAAAAAAAAAAAAAAAAAAA", 2, DateTimeOffset.UnixEpoch);

        Assert.Equal(["01JAAAAAAAAAAAAAAAAAAAAAAA.2", "01JAAAAAAAAAAAAAAAAAAAAAAA.2.d1", "01JAAAAAAAAAAAAAAAAAAAAAAA.0.d3"],
            [message.MessageId, (message with { Deferrals = 1 }).MessageId, (message with { Attempt = 0, Deferrals = 3 }).MessageId]);
        Assert.Equal(1, WorkMessage.FromJson((message with { Deferrals = 1 }).ToJson())!.Deferrals);
    }

    [Fact]
    public void ToJson_CarriesTheItemWithItsETag_NeverTheClaim()
    {
        var now = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
        var item = new WorkItem("01JAAAAAAAAAAAAAAAAAAAAAAA", WorkKinds.Deliver, "D001", "warranty-claim", "D001-01JB", new() { ["deliveryId"] = "X-1@oem" },
            now, now.AddSeconds(5), "corr", 2, "HTTP 503", null, "W/\"etag-1\"");

        var read = WorkMessage.FromJson((WorkMessage.For(item) with { Claimed = true }).ToJson().ToJsonString())!;

        Assert.False(read.Claimed);
        Assert.Equal((item.Id, item.DueAt, item.Attempt, item.LastError, item.ETag, "X-1@oem"),
            (read.Item!.Id, read.Item.DueAt, read.Item.Attempt, read.Item.LastError, read.Item.ETag, read.Item.Arg("deliveryId")));
        Assert.Equal(item.DueAt, read.NotBefore);
    }

    [Fact]
    public void FromJson_AnItemThatIsNotThisMessagesIsDropped()
    {
        var now = DateTimeOffset.UnixEpoch;
        var item = new WorkItem("01JAAAAAAAAAAAAAAAAAAAAAAA", WorkKinds.Deliver, "D001", null, null, [], now, now, null, ETag: "e");
        var json = WorkMessage.For(item).ToJson();
        json["item"]!["id"] = "01JBBBBBBBBBBBBBBBBBBBBBBB";

        var read = WorkMessage.FromJson(json)!;

        Assert.Equal(item.Id, read.WorkId);
        Assert.Null(read.Item);
    }
}

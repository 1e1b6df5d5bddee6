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
}

using Dms.Hub.PartsOrders;

namespace Dms.Hub.Tests.PartsOrders;

/// <summary>The parts policy refuses to start on settings that cannot work, and its calendar skips weekends and holidays.</summary>
public sealed class PartsPolicyTests
{
    private static readonly PartsOrderOptionsValidator Validator = new();

    [Fact]
    public void Validate_DemoPolicy_Starts() => Assert.True(Validator.Validate(null, Parts.DemoPolicy()).Succeeded, Validator.Validate(null, Parts.DemoPolicy()).FailureMessage);

    [Fact]
    public void Validate_UnknownTimeZone_AckRuleWithBothOrNeither_NestedRange_BrokenSupersession_AllReported()
    {
        var options = new PartsOrderOptions
        {
            Calendar = new BusinessCalendar { TimeZone = "Mars/Olympus_Mons" },
            AckDue = { ["VOR"] = new AckDueRule { Hours = 2, BusinessDays = 1 }, ["Stock"] = new AckDueRule() },
            ReceiptWindows = new ReceiptWindowOptions { DamagedBusinessDays = -1 },
            PartMaster = { ["A"] = new PartMasterEntry { SupersededBy = "B" }, ["C"] = new PartMasterEntry { SupersededBy = "D" }, ["D"] = new PartMasterEntry { SupersededBy = "C" } },
        };

        var failure = Validator.Validate(null, options).FailureMessage;

        Assert.Contains("Mars/Olympus_Mons", failure, StringComparison.Ordinal);
        Assert.Contains("AckDue:VOR sets either Hours or BusinessDays", failure, StringComparison.Ordinal);
        Assert.Contains("AckDue:Stock sets either Hours or BusinessDays", failure, StringComparison.Ordinal);
        Assert.Contains("DamagedBusinessDays", failure, StringComparison.Ordinal);
        Assert.Contains("PartMaster:A is superseded by 'B'", failure, StringComparison.Ordinal);
        Assert.Contains("PartMaster:C is superseded by 'D'", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void BusinessDays_SkipWeekendsAndHolidays()
    {
        var calendar = new BusinessDays(new BusinessCalendar { Holidays = [new DateOnly(2026, 12, 1)] });
        var fridayAfternoon = new DateTimeOffset(2026, 11, 27, 13, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2026, 11, 30), calendar.Add(new DateOnly(2026, 11, 27), 1));
        Assert.Equal(new DateOnly(2026, 12, 2), calendar.Add(new DateOnly(2026, 11, 30), 1));
        Assert.Equal(new DateOnly(2026, 11, 30), calendar.Add(new DateOnly(2026, 11, 29), 0));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.Zero), calendar.AckDue(new AckDueRule { BusinessDays = 1 }, fridayAfternoon));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999), calendar.EndOfWindow(new DateOnly(2026, 11, 28), 2));
    }
}

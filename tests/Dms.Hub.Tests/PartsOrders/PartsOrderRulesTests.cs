using System.Text.Json.Nodes;
using Dms.Hub.PartsOrders;
using static Dms.Hub.Tests.PartsOrders.Parts;

namespace Dms.Hub.Tests.PartsOrders;

/// <summary>Every parts order rule against the demo part master: refused with its path and code, and all violations at once.</summary>
public sealed class PartsOrderRulesTests
{
    [Fact]
    public async Task Check_KnownPartsWholePacksRightUnits_NoErrors()
    {
        var order = Order(("15400-AUR-001", 10), ("98079-AUR-200", 8), ("45022-AUR-010", 2));
        order["lines"]![2]!["unitOfMeasure"] = "SET";

        Assert.Empty(await CheckAsync(order));
    }

    [Theory]
    [InlineData("NOPE-404", 1, "/lines/0/partNumber", PartsErrorCodes.UnknownPart)]
    [InlineData("16400-AUR-130", 1, "/lines/0/partNumber", PartsErrorCodes.PartDiscontinued)]
    [InlineData("15400-AUR-001", 7, "/lines/0/quantity", PartsErrorCodes.PackSizeMultiple)]
    [InlineData("45022-AUR-010", 1, "/lines/0/unitOfMeasure", PartsErrorCodes.UnitOfMeasureMismatch)]
    public async Task Check_PartMasterViolation_RefusedAtTheLine(string part, int quantity, string path, string code)
    {
        var errors = await CheckAsync(Order((part, quantity)));

        var error = Assert.Single(errors);
        Assert.Equal((path, code), (error.Path, error.Code));
    }

    [Fact]
    public async Task Check_PackSize_SaysWhichQuantitiesWouldDo()
    {
        var error = Assert.Single(await CheckAsync(Order(("98079-AUR-200", 6))));

        Assert.Equal("98079-AUR-200 comes in packs of 4: order 4 or 8, not 6.", error.Message);
    }

    [Fact]
    public async Task Canonicalize_SupersededPartWhereTheOemSubstitutes_SuccessorOrderedAndSaidOnTheLine()
    {
        var type = Type();
        var canonical = type.Canonicalize(Order(("15400-AUR-000", 10), ("27060-AUR-140", 1)))!;

        var lines = canonical.Body["lines"]!.AsArray();
        Assert.Equal(("15400-AUR-001", "15400-AUR-000"), (lines[0]!["partNumber"]!.GetValue<string>(), lines[0]!["substitutedFor"]!.GetValue<string>()));
        Assert.Equal(("27060-AUR-141", "27060-AUR-140"), (lines[1]!["partNumber"]!.GetValue<string>(), lines[1]!["substitutedFor"]!.GetValue<string>()));
        Assert.Empty((await type.CheckAsync(canonical, Contexts.Rule(), CancellationToken.None)).Errors);
    }

    [Fact]
    public async Task Check_SupersededPartWhereTheOemRefuses_RefusedNamingTheSuccessor()
    {
        var policy = DemoPolicy();
        policy.Supersession = SupersessionPolicy.Refuse;

        var error = Assert.Single(await CheckAsync(Order(("15400-AUR-000", 10)), Type(policy)));

        Assert.Equal(("/lines/0/partNumber", PartsErrorCodes.PartSuperseded), (error.Path, error.Code));
        Assert.Contains("order 15400-AUR-001", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonicalize_DealerSentSubstitutedFor_IgnoredForAPartThatIsNotSuperseded()
    {
        var order = Order(("15400-AUR-001", 5));
        order["lines"]![0]!["substitutedFor"] = "15400-AUR-000";

        Assert.Null(Type().Canonicalize(order)!.Body["lines"]![0]!["substitutedFor"]);
    }

    [Fact]
    public async Task Check_Vor_NeedsAValidVinAndARepairOrderAndAtMost40Lines()
    {
        var order = Order([.. Enumerable.Range(0, 41).Select(_ => ("15400-AUR-001", 5))]);
        order["orderType"] = "VOR";
        for (var i = 0; i < 41; i++)
        {
            order["lines"]![i]!["partNumber"] = i == 0 ? "15400-AUR-001" : "90119-AUR-100";
            order["lines"]![i]!["quantity"] = i == 0 ? 5 : 20;
        }

        var errors = await CheckAsync(order);

        Assert.Contains(errors, e => e is { Path: "/lines", Code: PartsErrorCodes.VorTooManyLines });
        Assert.Contains(errors, e => e is { Path: "/vin", Code: PartsErrorCodes.VinRequired });
        Assert.Contains(errors, e => e is { Path: "/repairOrderNumber", Code: PartsErrorCodes.RepairOrderRequired });
    }

    [Fact]
    public async Task Check_VorWithWrongCheckDigit_InvalidVin_40Lines_Allowed()
    {
        var order = Order([.. Enumerable.Range(0, 40).Select(i => ($"P{i}", 1))]);
        order["orderType"] = "VOR";
        order["vin"] = "LDMCV3H01SA000001";
        order["repairOrderNumber"] = "RO-1";
        var policy = DemoPolicy();
        for (var i = 0; i < 40; i++)
        {
            policy.PartMaster[$"P{i}"] = new PartMasterEntry { PartNumber = $"P{i}" };
        }

        var errors = await CheckAsync(order, Type(policy));

        var error = Assert.Single(errors);
        Assert.Equal(("/vin", "INVALID_VIN"), (error.Path, error.Code));
    }

    [Fact]
    public async Task Check_EveryViolationAtOnce_WithItsPath()
    {
        var order = Order(("NOPE-1", 1), ("15400-AUR-001", 3), ("15400-AUR-001", 5));
        order["lines"]![2]!["lineNumber"] = 2;
        order["orderType"] = "Campaign";
        order["requestedShipDate"] = Contexts.Today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var errors = (await CheckAsync(order)).Select(e => (e.Path, e.Code)).ToList();

        Assert.Equal(
            [
                ("/lines/0/partNumber", PartsErrorCodes.UnknownPart),
                ("/lines/1/quantity", PartsErrorCodes.PackSizeMultiple),
                ("/lines/2/lineNumber", PartsErrorCodes.DuplicateLineNumber),
                ("/lines/2/partNumber", PartsErrorCodes.DuplicatePart),
                ("/campaignCode", PartsErrorCodes.CampaignCodeRequired),
                ("/requestedShipDate", PartsErrorCodes.ShipDateInPast),
            ],
            errors);
    }

    [Fact]
    public void Fields_AckDueAndOverdue_FollowTheOrderTypeAndTheClock()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Contexts.Now);
        var type = Type(clock: clock);
        var vor = Order(("15400-AUR-001", 5));
        vor["orderType"] = "VOR";
        var order = Stored(type, vor);
        var overdue = type.SummaryFields.Single(f => f.Name == "ackOverdue");

        Assert.Equal("false", overdue.Read(order));
        Assert.Equal(Contexts.Now.AddHours(0.02), overdue.ChangesAt!(order));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("true", overdue.Read(order));
        order.Event(type, Ack((1, [Allocation("Accepted")])));
        Assert.Equal("false", overdue.Read(order));
        Assert.Null(overdue.ChangesAt!(order));
    }

    [Fact]
    public void AckDue_StockOrderOnAFriday_DueMondayEvening()
    {
        var friday = new DateTimeOffset(2026, 11, 27, 15, 0, 0, TimeSpan.Zero);
        var policy = new PartsPolicy(new TestOptions<PartsOrderOptions>(new PartsOrderOptions()));

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.Zero), policy.AckDueAt("Stock", friday));
        Assert.Equal(friday.AddHours(4), policy.AckDueAt("VOR", friday));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 17, 0, 0, TimeSpan.Zero), policy.AckDueAt("Campaign", friday));
    }

    private static JsonObject Order(params (string Part, int Quantity)[] lines) => Parts.Order(lines);
}

using Dms.Hub.Registry;
using Dms.Hub.Validation;
using Dms.Hub.WarrantyClaims;
using Dms.Hub.WarrantyClaims.Rules;

namespace Dms.Hub.Tests.WarrantyClaims;

public sealed class ClaimRulesTests
{
    private static readonly TestOptions<WarrantyClaimOptions> Policy = new(Claims.Policy);

    [Fact]
    public async Task AllRules_ValidClaim_NoErrors()
    {
        IRule<WarrantyClaim>[] rules = [Vin(Claims.Policy), new RepairOrderDatesRule(), new FilingWindowRule(Policy), new LaborRule(Policy), new CausalPartRule(), new PreAuthorizationRule(Policy), new TotalsRule()];
        foreach (var rule in rules)
        {
            Assert.Empty(await Check(rule, Claims.Valid));
        }
    }

    [Fact]
    public async Task VinCheckDigitRule_WrongCheckDigit_InvalidVin()
    {
        var errors = await Check(Vin(Claims.Policy), Claims.Valid with { Vin = "1HGCM82643A004352" });

        Assert.Equal([("/vin", ErrorCodes.InvalidVin)], Codes(errors));
    }

    [Fact]
    public async Task VinCheckDigitRule_CheckDigitNotRequired_Accepted()
    {
        var relaxed = new TestOptions<WarrantyClaimOptions>(new WarrantyClaimOptions { RequireVinCheckDigit = false });

        Assert.Empty(await Check(Vin(relaxed.CurrentValue), Claims.Valid with { Vin = "WVWZZZ1KZ8W000001" }));
    }

    [Fact]
    public async Task RepairOrderDatesRule_ClosedBeforeOpenedAndInFuture_BothReported()
    {
        var claim = Claims.Valid with { RepairOrder = Claims.Valid.RepairOrder with { OpenedOn = Contexts.Today.AddDays(5), ClosedOn = Contexts.Today.AddDays(2) } };

        var codes = Codes(await Check(new RepairOrderDatesRule(), claim));

        Assert.Contains(("/repairOrder/closedOn", ErrorCodes.InvalidDateRange), codes);
        Assert.Contains(("/repairOrder/closedOn", ErrorCodes.DateInFuture), codes);
    }

    [Theory]
    [InlineData(30, false)]
    [InlineData(31, true)]
    public async Task FilingWindowRule_DaysSinceClose_LateOnlyPastTheWindow(int daysAgo, bool late)
    {
        var claim = Claims.Valid with { RepairOrder = Claims.Valid.RepairOrder with { OpenedOn = Contexts.Today.AddDays(-daysAgo), ClosedOn = Contexts.Today.AddDays(-daysAgo) } };

        var errors = await Check(new FilingWindowRule(Policy), claim);

        Assert.Equal(late, errors.Any(e => e.Code == ErrorCodes.SubmittedTooLate));
    }

    [Fact]
    public async Task FilingWindowRule_Resubmission_NotLate()
    {
        var claim = Claims.Valid with { RepairOrder = Claims.Valid.RepairOrder with { OpenedOn = Contexts.Today.AddDays(-90), ClosedOn = Contexts.Today.AddDays(-90) } };

        Assert.Empty(await Check(new FilingWindowRule(Policy), claim, resubmission: true));
    }

    [Theory]
    [InlineData(1.65, false)]
    [InlineData(1.66, true)]
    public async Task LaborRule_HoursAgainstStandardPlusTolerance_ExcessiveOnlyAbove(double hours, bool excessive)
    {
        var claim = Claims.Valid with { LaborLines = [new LaborLine("EN1001", (decimal)hours, Claims.Usd(9500), null)] };

        var errors = await Check(new LaborRule(Policy), claim);

        Assert.Equal(excessive, errors.Any(e => e is { Code: ErrorCodes.ExcessiveLaborHours, Path: "/laborLines/0/hours" }));
    }

    [Fact]
    public async Task LaborRule_UnknownOperationAndHighRate_BothReported()
    {
        var claim = Claims.Valid with { LaborLines = [new LaborLine("ZZ9999", 1m, Claims.Usd(25000), null)] };

        var codes = Codes(await Check(new LaborRule(Policy), claim));

        Assert.Contains(("/laborLines/0/operationCode", ErrorCodes.UnknownLaborOperation), codes);
        Assert.Contains(("/laborLines/0/rate/amount", ErrorCodes.ExcessiveLaborRate), codes);
    }

    [Fact]
    public async Task CausalPartRule_NoCausalPart_MainPartMissing()
    {
        var claim = Claims.Valid with { PartLines = [new PartLine("P-1", 1, Claims.Usd(100), false)] };

        Assert.Equal([("/partLines", ErrorCodes.MainPartMissing)], Codes(await Check(new CausalPartRule(), claim)));
    }

    [Fact]
    public async Task CausalPartRule_TwoCausalParts_MultipleMainParts()
    {
        var claim = Claims.Valid with { PartLines = [new PartLine("P-1", 1, Claims.Usd(100), true), new PartLine("P-2", 1, Claims.Usd(100), true)] };

        Assert.Equal([("/partLines/1/causal", ErrorCodes.MultipleMainParts)], Codes(await Check(new CausalPartRule(), claim)));
    }

    [Theory]
    [InlineData(250_000, null, false)]
    [InlineData(250_001, null, true)]
    [InlineData(250_001, "PA-1", false)]
    public async Task PreAuthorizationRule_TotalAboveThreshold_NeedsAuthorizationNumber(long total, string? preAuthorization, bool rejected)
    {
        var claim = Claims.Valid with { ClaimedTotal = Claims.Usd(total), PreAuthorizationNumber = preAuthorization };

        var errors = await Check(new PreAuthorizationRule(Policy), claim);

        Assert.Equal(rejected, errors.Any(e => e is { Code: ErrorCodes.UnauthorizedRepair, Path: "/preAuthorizationNumber" }));
    }

    [Fact]
    public async Task TotalsRule_WrongTotal_MismatchWithComputedAmount()
    {
        var errors = await Check(new TotalsRule(), Claims.Valid with { ClaimedTotal = Claims.Usd(26251) });

        var error = Assert.Single(errors);
        Assert.Equal(("/claimedTotal/amount", ErrorCodes.ClaimedTotalMismatch), (error.Path, error.Code));
        Assert.Contains("26250", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TotalsRule_OtherCostsAndDeductible_Included()
    {
        var claim = Claims.Valid with
        {
            OtherCosts = [new OtherCost("Towing", null, Claims.Usd(8000))],
            Deductible = Claims.Usd(5000),
            ClaimedTotal = Claims.Usd(26250 + 8000 - 5000),
        };

        Assert.Empty(await Check(new TotalsRule(), claim));
    }

    [Fact]
    public async Task TotalsRule_MixedCurrencies_CurrencyMismatchPerAmount()
    {
        var claim = Claims.Valid with { PartLines = [new PartLine("P-1", 1, new(12000, "EUR"), true)] };

        Assert.Equal([("/partLines/0/unitPrice/currency", ErrorCodes.CurrencyMismatch)], Codes(await Check(new TotalsRule(), claim)));
    }

    [Fact]
    public void ClaimMath_LaborRoundsHalfAwayFromZeroPerLine()
    {
        Assert.Equal(3, ClaimMath.LaborAmount(new LaborLine("X", 0.5m, Claims.Usd(5), null)));
    }

    private static VinCheckDigitRule<WarrantyClaim> Vin(WarrantyClaimOptions policy) => new(c => c.Vin, () => policy.RequireVinCheckDigit);

    private static async Task<List<ValidationError>> Check(IRule<WarrantyClaim> rule, WarrantyClaim claim, bool resubmission = false)
    {
        var errors = new List<ValidationError>();
        await rule.CheckAsync(claim, Contexts.Rule(resubmission), errors, CancellationToken.None);
        return errors;
    }

    private static List<(string, string)> Codes(IEnumerable<ValidationError> errors) => errors.Select(e => (e.Path, e.Code)).ToList();
}

using Dms.Hub.Validation;

namespace Dms.Hub.Tests.VehicleOrders;

/// <summary>Every order guide rule and option constraint of the demo guide, each with the path to the offending code.</summary>
public sealed class OrderGuideRuleTests
{
    [Fact]
    public async Task Check_ValidOrderOfEachModel_NoErrors()
    {
        var ev = Orders.Suv() with { ModelCode = "AUR-EV", Trim = "LongRange", ExteriorColor = "BLU", Options = ["W20", "HP", "NAV"] };

        Assert.Empty(await Orders.CheckAsync(Orders.Suv()));
        Assert.Empty(await Orders.CheckAsync(ev));
    }

    [Theory]
    [InlineData("ModelCode", "NOPE", "/modelCode", ErrorCodes.UnknownModel)]
    [InlineData("ModelCode", "BOR-SED", "/modelCode", ErrorCodes.ModelNotOffered)]
    [InlineData("ModelYear", "2025", "/modelYear", ErrorCodes.ModelYearNotOffered)]
    [InlineData("Trim", "GT", "/trim", ErrorCodes.InvalidTrim)]
    [InlineData("ExteriorColor", "SLV", "/exteriorColor", ErrorCodes.InvalidExteriorColor)]
    [InlineData("InteriorColor", "RED", "/interiorColor", ErrorCodes.InvalidInteriorColor)]
    public async Task Check_ValueNotInTheOrderGuide_ErrorAtItsPath(string field, string value, string path, string code)
    {
        var order = field switch
        {
            "ModelCode" => Orders.Suv() with { ModelCode = value },
            "ModelYear" => Orders.Suv() with { ModelYear = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
            "Trim" => Orders.Suv() with { Trim = value },
            "ExteriorColor" => Orders.Suv() with { ExteriorColor = value },
            _ => Orders.Suv() with { InteriorColor = value },
        };

        var errors = await Orders.CheckAsync(order);

        Assert.Contains(errors, e => e.Path == path && e.Code == code);
    }

    [Theory]
    [InlineData(new[] { "W19", "XYZ" }, "/options/1", ErrorCodes.UnknownOption)]
    [InlineData(new[] { "W18", "TOW" }, "/options/1", ErrorCodes.OptionRequires)]
    [InlineData(new[] { "HUD", "W19" }, "/options/0", ErrorCodes.OptionRequires)]
    [InlineData(new[] { "W19", "PAN", "RACK" }, "/options/2", ErrorCodes.OptionExcluded)]
    [InlineData(new[] { "RACK", "W19", "PAN" }, "/options/2", ErrorCodes.OptionExcluded)]
    [InlineData(new[] { "W18", "NAV", "W20" }, "/options/2", ErrorCodes.OptionGroupConflict)]
    [InlineData(new[] { "PAN", "NAV" }, "/options", ErrorCodes.OptionGroupRequired)]
    public async Task Check_OptionConstraintBroken_ErrorAtTheOffendingCode(string[] options, string path, string code)
    {
        var errors = await Orders.CheckAsync(Orders.Suv() with { Options = options });

        var error = Assert.Single(errors);
        Assert.Equal((path, code), (error.Path, error.Code));
    }

    [Fact]
    public async Task Check_ManyViolations_EveryOneReportedAtOnce()
    {
        var order = Orders.Suv() with
        {
            ModelYear = 2030, Trim = "GT", ExteriorColor = "PNK",
            Options = ["W18", "W20", "TOW", "PAN", "RACK", "SEAT-V", "ZZZ"],
        };

        var errors = await Orders.CheckAsync(order);

        Assert.Equal(
            new[]
            {
                ("/modelYear", ErrorCodes.ModelYearNotOffered), ("/trim", ErrorCodes.InvalidTrim), ("/exteriorColor", ErrorCodes.InvalidExteriorColor),
                ("/options/6", ErrorCodes.UnknownOption), ("/options/2", ErrorCodes.OptionRequires), ("/options/5", ErrorCodes.OptionRequires),
                ("/options/4", ErrorCodes.OptionExcluded), ("/options/2", ErrorCodes.OptionExcluded), ("/options/1", ErrorCodes.OptionGroupConflict),
            }.Order(),
            errors.Select(e => (e.Path, e.Code)).Order());
    }

    [Fact]
    public async Task Check_OrderGuideFromConfiguration_ANewOptionIsAcceptedWithoutCode()
    {
        var policy = Orders.DemoPolicy();
        policy.OrderGuide["AUR-SUV"].Options["CAM360"] = "Surround-view cameras";

        Assert.Empty(await Orders.CheckAsync(Orders.Suv() with { Options = ["W19", "CAM360"] }, policy));
        Assert.Contains(await Orders.CheckAsync(Orders.Suv() with { Options = ["W19", "CAM360"] }), e => e.Code == ErrorCodes.UnknownOption);
    }
}

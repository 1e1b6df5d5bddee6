using System.Text.Json.Nodes;
using Dms.Hub.OemCodes;
using Microsoft.Extensions.Configuration;

namespace Dms.Hub.Tests.OemCodes;

/// <summary>The seeded GM and FCA code tables (appsettings.json): codes become canonical events; unknown codes are refused, never guessed.</summary>
public sealed class OemCodeTranslatorTests
{
    private static readonly OemCodeTranslator Translator = new(new TestOptions<OemCodeOptions>(Seeded()));
    private static readonly Hub.Registry.DocumentType Orders = VehicleOrders.Orders.Type();

    [Theory]
    [InlineData("GM", "1100", "Acknowledged")]
    [InlineData("GM", "2000", "Accepted")]
    [InlineData("GM", "3000", "Locked")]
    [InlineData("GM", "3300", "Scheduled")]
    [InlineData("GM", "3400", "InProduction")]
    [InlineData("GM", "3800", "Produced")]
    [InlineData("GM", "4150", "Invoiced")]
    [InlineData("GM", "4200", "InTransit")]
    [InlineData("GM", "5000", "AtDealer")]
    [InlineData("GM", "9000", "Cancelled")]
    [InlineData("FCA", "BA", "Acknowledged")]
    [InlineData("FCA", "BE", "Rejected")]
    [InlineData("FCA", "D", "Scheduled")]
    [InlineData("FCA", "KZ", "Invoiced")]
    [InlineData("FCA", "KZX", "AtDealer")]
    [InlineData("FCA", "ZA", "Cancelled")]
    [InlineData("fca", "HR", "HoldReleased")]
    public void Translate_KnownCode_CanonicalEvent(string scheme, string code, string expected)
    {
        var oemEvent = Coded(scheme, code);

        Assert.Empty(Translator.Translate(Orders, oemEvent));
        Assert.Equal(expected, oemEvent["type"]!.GetValue<string>());
        Assert.Equal(scheme.ToUpperInvariant(), oemEvent["oemCode"]!["scheme"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("FCA", "HQ", "PlantQuality")]
    [InlineData("FCA", "HF", "Finance")]
    [InlineData("FCA", "HC", "Carrier")]
    [InlineData("GM", "3500", "Material")]
    [InlineData("GM", "4310", "Damage")]
    public void Translate_HoldCode_HoldWithItsReasonClassAndTheOemsCode(string scheme, string code, string reasonClass)
    {
        var oemEvent = Coded(scheme, code);

        Translator.Translate(Orders, oemEvent);

        Assert.Equal("HoldSet", oemEvent["type"]!.GetValue<string>());
        Assert.Equal((reasonClass, code), (oemEvent["hold"]!["reasonClass"]!.GetValue<string>(), oemEvent["hold"]!["reasonCode"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("GM", "3801", "/oemCode/code", OemCodeTranslator.UnknownCode)]
    [InlineData("GM", "kz", "/oemCode/code", OemCodeTranslator.UnknownCode)]
    [InlineData("TOYOTA", "100", "/oemCode/scheme", OemCodeTranslator.UnknownScheme)]
    public void Translate_UnknownCodeOrScheme_RefusedNotGuessed(string scheme, string code, string path, string error)
    {
        var oemEvent = Coded(scheme, code);

        var errors = Translator.Translate(Orders, oemEvent);

        Assert.Equal((path, error), (errors.Single().Path, errors.Single().Code));
        Assert.Null(oemEvent["type"]);
    }

    [Fact]
    public void Translate_SchemeNotForTheDocumentType_Refused()
    {
        var claims = new Hub.WarrantyClaims.WarrantyClaimType([]);

        Assert.Equal(OemCodeTranslator.UnknownScheme, Translator.Translate(claims, Coded("GM", "3800")).Single().Code);
    }

    [Fact]
    public void Translate_CodeContradictsTheCanonicalType_Mismatch_NeitherGiven_TypeRequired()
    {
        var contradiction = Coded("GM", "3800");
        contradiction["type"] = "Scheduled";

        Assert.Equal(OemCodeTranslator.CodeMismatch, Translator.Translate(Orders, contradiction).Single().Code);
        Assert.Equal(OemCodeTranslator.EventTypeRequired, Translator.Translate(Orders, []).Single().Code);
        Assert.Empty(Translator.Translate(Orders, new JsonObject { ["type"] = "Accepted" }));
    }

    [Fact]
    public void Remember_KeepsTheOemsLatestCodeBesideTheCanonicalStage()
    {
        var order = VehicleOrders.Orders.Stored("Produced");
        var oemEvent = Coded("GM", "3800");
        Translator.Translate(Orders, oemEvent);

        OemCodeTranslator.Remember(order, oemEvent, Contexts.Now);

        Assert.Equal(("GM", "3800", "Produced"), (order.Oem["lastCode"]!["scheme"]!.GetValue<string>(), order.Oem["lastCode"]!["code"]!.GetValue<string>(), order.Oem["lastCode"]!["event"]!.GetValue<string>()));
    }

    private static JsonObject Coded(string scheme, string code) => new() { ["oemCode"] = new JsonObject { ["scheme"] = scheme, ["code"] = code } };

    private static OemCodeOptions Seeded()
    {
        var options = new OemCodeOptions();
        new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build().GetSection(OemCodeOptions.Section).Bind(options);
        return options;
    }
}

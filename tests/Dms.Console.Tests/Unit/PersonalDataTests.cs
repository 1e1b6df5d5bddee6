using System.Text.Json.Nodes;
using Dms.Console.Internal;

namespace Dms.Console.Tests.Unit;

public sealed class PersonalDataTests
{
    private static readonly JsonObject Rdr = JsonNode.Parse("""
        { "reportNumber": "R-1", "vin": "1HGCM82633A004352", "vehicle": { "modelCode": "AUR-SUV" },
          "buyer": { "type": "Person", "name": "Li Wei", "email": "li@example.com", "phone": "+86 138 0000 0000", "consent": { "marketing": true } } }
        """)!.AsObject();

    [Fact]
    public void MaskJson_HidesBuyerNameEmailAndPhone_KeepsBusinessFields()
    {
        var masked = PersonalData.MaskJson(Rdr)!.ToJsonString();

        Assert.DoesNotContain("Li Wei", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("li@example.com", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("138 0000", masked, StringComparison.Ordinal);
        Assert.Contains("1HGCM82633A004352", masked, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"Person\"", masked, StringComparison.Ordinal);
        Assert.Contains("\"marketing\":true", masked, StringComparison.Ordinal);
        Assert.Equal("Li Wei", Rdr["buyer"]!["name"]!.GetValue<string>()); // the original is untouched
    }

    [Fact]
    public void MaskXmlText_HidesBuyerElements_InSoapPayloads()
    {
        var xml = "<Envelope><Body><Report><Vin>1HGCM82633A004352</Vin><Buyer><Type>Person</Type><Name>Li Wei</Name><Phone>+86 1</Phone></Buyer></Report></Body></Envelope>";

        var masked = PersonalData.MaskXmlText(xml);

        Assert.DoesNotContain("Li Wei", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("+86 1", masked, StringComparison.Ordinal);
        Assert.Contains("1HGCM82633A004352", masked, StringComparison.Ordinal);
        Assert.Contains("<Type>Person</Type>", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void MaskText_ContentThatCannotBeRead_IsWithheldNotShown()
    {
        Assert.DoesNotContain("Li Wei", PersonalData.MaskJsonText("{\"buyer\": {\"name\": \"Li Wei\""), StringComparison.Ordinal);
        Assert.DoesNotContain("Li Wei", PersonalData.MaskXmlText("<Buyer><Name>Li Wei</Name>"), StringComparison.Ordinal);
    }
}

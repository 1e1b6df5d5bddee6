using Dms.Hub.Dealers;
using Dms.Hub.Routing;

namespace Dms.Hub.Tests.Registry;

public sealed class RouterTests
{
    private static readonly Router Router = new(new TestOptions<RoutingOptions>(new RoutingOptions
    {
        Routes =
        [
            new() { DocumentType = "warranty-claim", Brand = "Borealis", Destinations = ["borealis-warranty"] },
            new() { DocumentType = "warranty-claim", Region = "North", Destinations = ["north-warranty", "audit"] },
            new() { DocumentType = "warranty-claim", Destinations = ["warranty"] },
            new() { DocumentType = "retail-delivery-report", Destinations = ["hq"] },
        ],
    }));

    [Theory]
    [InlineData("warranty-claim", "Borealis", "North", "borealis-warranty")]
    [InlineData("warranty-claim", "aurora", "north", "north-warranty,audit")]
    [InlineData("warranty-claim", "Aurora", "South", "warranty")]
    [InlineData("retail-delivery-report", "Borealis", "North", "hq")]
    [InlineData("parts-order", "Aurora", "South", "")]
    public void Resolve_FirstMatchingRouteWins_BrandAndRegionOptional(string type, string brand, string region, string expected)
    {
        var dealer = new Dealer { Code = "D1", Name = "n", Region = region, Brand = brand };

        Assert.Equal(expected, string.Join(',', Router.Resolve(type, dealer)));
    }
}

using Dms.Hub.OemCodes;
using Dms.Hub.Registry;
using Dms.Hub.Tests.VehicleOrders;
using Dms.Hub.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Hub.Tests.OemCodes;

public sealed class OemCodeOptionsValidatorTests
{
    private static readonly OemCodeOptionsValidator Validator = new(new ServiceCollection()
        .AddSingleton(new DocumentTypeRegistry([Orders.Type()]))
        .AddSingleton<SchemaCatalog>()
        .BuildServiceProvider());

    [Fact]
    public void Validate_CodeMappedToAnEventTheTypeDoesNotHave_StartUpRefused()
    {
        var options = Table("vehicle-order", new OemCodeMapping { Event = "Approved" });

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("'Approved', which is not an event of vehicle-order", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SchemeForAnUnknownType_StartUpRefused() =>
        Assert.True(Validator.Validate(null, Table("parts-order", new OemCodeMapping { Event = "Accepted" })).Failed);

    [Fact]
    public void Validate_CanonicalEvents_Accepted() =>
        Assert.True(Validator.Validate(null, Table("vehicle-order", new OemCodeMapping { Event = "Produced" })).Succeeded);

    private static OemCodeOptions Table(string documentType, OemCodeMapping mapping) => new()
    {
        Schemes = { ["X"] = new OemCodeScheme { DocumentTypes = [documentType], Codes = { ["1"] = mapping } } },
    };
}

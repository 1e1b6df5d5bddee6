using System.Text.Json;
using Dms.Hub.Common;
using Dms.Hub.Validation;
using Dms.Hub.VehicleOrders;
using Dms.Hub.VehicleOrders.Rules;
using Dms.Hub.Workflow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Dms.Hub.Tests.VehicleOrders;

/// <summary>Orders against the demo ordering policy of <c>./dms run</c> (appsettings.Demo.json), at <see cref="Contexts.Now"/>.</summary>
internal static class Orders
{
    public static VehicleOrderOptions DemoPolicy()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.Demo.json")).Build();
        var options = new VehicleOrderOptions();
        configuration.GetSection(VehicleOrderOptions.Section).Bind(options);
        return options;
    }

    public static VehicleOrderType Type(VehicleOrderOptions? policy = null, TimeProvider? clock = null)
    {
        var options = policy ?? DemoPolicy();
        return new VehicleOrderType([new OrderGuideRule(() => options), new OrderTermsRule(() => options)], new TestOptions<VehicleOrderOptions>(options),
            clock ?? new FakeTimeProvider(Contexts.Now));
    }

    /// <summary>A valid stock AUR-SUV (Sport, white, 19-inch wheels, panoramic roof, navigation) for this month.</summary>
    public static VehicleOrder Suv() => new()
    {
        DealerOrderNumber = "VO-1",
        OrderType = "Stock",
        Priority = 40,
        ModelCode = "AUR-SUV",
        ModelYear = 2026,
        Trim = "Sport",
        ExteriorColor = "WHT",
        InteriorColor = "BLK",
        Options = ["W19", "PAN", "NAV"],
        RequestedDelivery = new DeliveryWindow(Contexts.Today.AddDays(30), Contexts.Today.AddDays(60)),
        AllocationPeriod = "2026-11",
    };

    public static async Task<List<ValidationError>> CheckAsync(VehicleOrder order, VehicleOrderOptions? policy = null)
    {
        var type = Type(policy);
        var canonical = type.Canonicalize(JsonSerializer.SerializeToNode(order, HubJson.Options)!)!;
        return [.. (await type.CheckAsync(canonical, Contexts.Rule(), CancellationToken.None)).Errors];
    }

    public static DocumentRecord Stored(string status, VehicleOrder? order = null) => new()
    {
        TrackingId = "D001-01K0000000000000000000000",
        DocumentType = VehicleOrderType.TypeName,
        DealerCode = "D001",
        DocumentNumber = "VO-1",
        Status = status,
        Body = JsonSerializer.SerializeToNode(order ?? Suv(), HubJson.Options)!.AsObject(),
    };

    /// <summary>Appends a status change to the timeline, as the workflow would.</summary>
    public static DocumentRecord Moved(this DocumentRecord order, string to, DateTimeOffset? at = null)
    {
        var from = order.Status;
        order.Status = to;
        order.Timeline.Add(new TimelineEntry(order.Timeline.Count + 1, at ?? Contexts.Now, to, from, to, "oem", "rest", null, null));
        return order;
    }
}

using Dms.OemSimulator;
using Dms.OemSimulator.Depot;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
builder.Services.Configure<SimulatorOptions>(builder.Configuration.GetSection(SimulatorOptions.Section));
builder.Services.AddDepot(builder.Configuration);
builder.Services.AddSingleton<Ledger>();
builder.Services.AddSingleton<FaultSwitch>();
builder.Services.AddHttpClient("hub");
builder.Services.AddSingleton<DecisionPoster>();
builder.Services.AddSingleton<OrderDesk>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<DecisionPoster>());
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);

var app = builder.Build();
app.MapDepot();
app.MapPost("/warranty/claims", (HttpContext context, Ledger ledger, FaultSwitch faults, DecisionPoster poster, IOptions<SimulatorOptions> options) =>
    OemDesk.ReceiveAsync(context, ledger, faults, options.Value, "OEM-WC", (message, first) =>
    {
        if (!first || !options.Value.PostDecisions)
        {
            return;
        }

        var trackingId = message["trackingId"]!.GetValue<string>();
        var path = $"/api/v1/oem/warranty-claims/{trackingId}/events";
        var version = message["contentVersion"]?.GetValue<int>() ?? 1;
        var delay = OemDesk.DecisionDelay(options.Value);
        switch (message["messageType"]?.GetValue<string>())
        {
            case "WarrantyClaimSubmitted" or "WarrantyClaimResubmitted" or "WarrantyClaimAppealed":
                var reference = message["oemReference"]!.GetValue<string>();
                poster.Schedule(path,
                    new OemEvent(delay / 2, $"{trackingId}:accept:{message["messageId"]}", DecisionPlanner.Accept(reference)),
                    new OemEvent(delay / 2, $"{trackingId}:decide:{message["messageId"]}", DecisionPlanner.Decide(trackingId + version, message["document"]!.AsObject())));
                break;
        }
    }));
app.MapPost("/hq/retail-deliveries", (HttpContext context, Ledger ledger, FaultSwitch faults, DecisionPoster poster, IOptions<SimulatorOptions> options) =>
    OemDesk.ReceiveAsync(context, ledger, faults, options.Value, "HQ-RDR", (message, first) =>
    {
        if (first && options.Value.PostDecisions && message["messageType"]?.GetValue<string>() == "RetailDeliveryUnwindRequested")
        {
            var trackingId = message["trackingId"]!.GetValue<string>();
            poster.Schedule($"/api/v1/oem/retail-delivery-reports/{trackingId}/events", new OemEvent(OemDesk.DecisionDelay(options.Value), $"{trackingId}:unwind", DecisionPlanner.ApproveUnwind()));
        }
    }));
app.MapPost("/orders", (HttpContext context, Ledger ledger, FaultSwitch faults, OrderDesk desk, IOptions<SimulatorOptions> options) =>
    OemDesk.ReceiveAsync(context, ledger, faults, options.Value, "OEM-VO", desk.Receive));
app.MapGet("/stats", (Ledger ledger) => ledger.Stats());
app.MapGet("/effects", (Ledger ledger) => ledger.AllEffects.OrderBy(e => e.At));
app.MapGet("/control", (FaultSwitch faults) => faults.Current);
app.MapPost("/control", (Faults faults, FaultSwitch current) =>
{
    current.Current = faults;
    return faults;
});
app.MapGet("/health", () => "ok");
await app.RunAsync();

using System.Text.Json.Nodes;

namespace Dms.Functions.FunctionsHost;

/// <summary>
/// The answer a custom handler owes the host: always a JSON body <c>{"Outputs":{},"Logs":[…],"ReturnValue":null}</c>.
/// 2xx settles the trigger (the message is completed); anything else fails the invocation, so Service Bus
/// delivers the message again (and dead-letters it after MaxDeliveryCount).
/// </summary>
internal static class HostReply
{
    public static IResult Ok(params string[] logs) => Create(StatusCodes.Status200OK, logs);

    /// <summary>Asks for a redelivery.</summary>
    public static IResult Retry(int status, params string[] logs) => Create(status, logs);

    private static IResult Create(int status, string[] logs)
    {
        var body = new JsonObject
        {
            ["Outputs"] = new JsonObject(),
            ["Logs"] = new JsonArray(logs.Select(l => (JsonNode)JsonValue.Create(l)).ToArray()),
            ["ReturnValue"] = null,
        };
        return Results.Content(body.ToJsonString(), "application/json", statusCode: status);
    }
}

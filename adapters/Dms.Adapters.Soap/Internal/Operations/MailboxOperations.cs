using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Adapters.Soap.Internal.Xml;
using Dms.Hub.Common;
using Dms.Hub.Notifications;
using Dms.Hub.Registry;
using Dms.Hub.Validation;

namespace Dms.Adapters.Soap.Internal.Operations;

/// <summary>PullNotifications and AcknowledgeNotifications, validated as REST validates them: a bad query is Rejected with its errors.</summary>
internal sealed class MailboxOperations(Mailbox mailbox, DocumentTypeRegistry types)
{
    public async Task<JsonObject> PullAsync(JsonObject input, IReadOnlyList<SoapError> read, SoapCaller caller, CancellationToken cancellationToken)
    {
        var errors = read.ToList();
        var maxItems = mailbox.MaxItems;
        if (input["maxItems"] is JsonValue max && (!max.TryGetValue<long>(out var requested) || requested < 1 || requested > mailbox.MaxItems))
        {
            errors.Add(new SoapError("maxItems", null, ErrorCodes.OutOfRange, $"maxItems must be between 1 and {mailbox.MaxItems}."));
        }
        else if (input["maxItems"] is JsonValue given)
        {
            maxItems = (int)given.GetValue<long>();
        }

        var documentType = (string?)input["documentType"];
        if (documentType is not null && types.All.All(t => t.Name != documentType))
        {
            errors.Add(new SoapError("documentType", null, ErrorCodes.InvalidValue, $"Unknown document type '{documentType}'. Known: {string.Join(", ", types.All.Select(t => t.Name))}."));
        }

        DateTimeOffset? since = null;
        if ((string?)input["since"] is { } sinceText)
        {
            if (ScalarText.TryDateTime(sinceText, out var time))
            {
                since = time;
            }
            else
            {
                errors.Add(new SoapError("since", null, ErrorCodes.InvalidFormat, "Expected an xs:dateTime, e.g. 2026-11-01T08:00:00Z."));
            }
        }

        if (errors.Count > 0)
        {
            return Rejected(errors);
        }

        var items = await mailbox.PullAsync(caller.Dealer.Code, maxItems, documentType, since, cancellationToken);
        return new JsonObject { ["outcome"] = "Accepted", ["notifications"] = new JsonArray([.. items.Select(Notification)]) };
    }

    public async Task<JsonObject> AcknowledgeAsync(JsonObject input, IReadOnlyList<SoapError> read, SoapCaller caller, CancellationToken cancellationToken)
    {
        var errors = read.ToList();
        var ids = (input["receiptIds"] as JsonArray)?.Select(i => (string?)i ?? string.Empty).ToList() ?? [];
        if (errors.Count == 0 && (ids.Count == 0 || ids.Count > mailbox.MaxItems || ids.Any(i => i.Length is 0 or > 128)))
        {
            errors.Add(new SoapError("receiptIds", null, ErrorCodes.InvalidValue, $"Send 1–{mailbox.MaxItems} receipt IDs of at most 128 characters."));
        }

        if (errors.Count > 0)
        {
            return Rejected(errors);
        }

        var requested = ids.Distinct(StringComparer.Ordinal).ToList();
        var acknowledged = await mailbox.AcknowledgeAsync(caller.Dealer.Code, requested, cancellationToken);
        return new JsonObject
        {
            ["outcome"] = "Accepted",
            ["acknowledged"] = new JsonArray([.. acknowledged.Select(a => (JsonNode)a)]),
            ["unknown"] = new JsonArray([.. requested.Except(acknowledged, StringComparer.Ordinal).Select(u => (JsonNode)u)]),
        };
    }

    /// <summary>A notification as the contract has it (pulled, or pushed to a dealer's callback).</summary>
    public static JsonNode Notification(Notification notification)
    {
        var json = JsonSerializer.SerializeToNode(notification, HubJson.Options)!.AsObject();
        json.Remove("dealerCode");
        return json;
    }

    private static JsonObject Rejected(IEnumerable<SoapError> errors) =>
        new() { ["outcome"] = "Rejected", ["errors"] = Acknowledgements.Errors(errors) };
}

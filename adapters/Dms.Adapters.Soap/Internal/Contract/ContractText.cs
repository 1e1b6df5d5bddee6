using Dms.Hub.Registry;
using System.Text.Json.Nodes;

namespace Dms.Adapters.Soap.Internal.Contract;

/// <summary>The words of the contract: wsdl:documentation of the services and operations, and the shared request fields.</summary>
internal static class ContractText
{
    public const string DealerService =
        "Dms dealer service: SOAP 1.1, document/literal wrapped, one namespace (urn:dms:dealer:v1). Authenticate every request " +
        "with a WS-Security UsernameToken: username = your dealer code, password = your SOAP password, as PasswordText over " +
        "HTTPS or as PasswordDigest with Nonce and Created. Business errors come back as acknowledgements with error codes, " +
        "never as faults; a fault means the message could not be authenticated or read.";

    public const string DealerCallback =
        "Implement this service at your own endpoint to be told of status changes as they happen (notification channel " +
        "'soap', with your endpoint's URL registered as the callback URL). The address below is a placeholder.";

    public const string CallbackAddress = "https://dealer.example/DealerCallback.svc";

    public const string GetDocumentStatus =
        "Where one of your documents stands: status, the OEM's answers (decision, reason codes, lines, amounts, payment, " +
        "chargeback), deliveries, timeline, the commands available now and the document itself. Another dealer's document " +
        "is NotFound, exactly like a missing one.";

    public const string PullNotifications =
        "Takes your oldest unacknowledged notifications (up to maxItems), optionally only of one document type or since " +
        "a time. They stay in your mailbox until acknowledged. A query out of range is Rejected with errors.";

    public const string AcknowledgeNotifications =
        "Removes notifications from your mailbox by receipt ID (at most as many as one pull returns); receipt IDs it did " +
        "not hold are listed as unknown.";

    public const string NotifyDocumentStatus =
        "The hub calls this for every status change of your documents. Answer 2xx once you have stored it. A SOAP Client " +
        "fault (or a 4xx) is a refusal and is not repeated; anything else is retried with backoff.";

    public const string MaxItems = "How many notifications to take, from 1 up to the hub's limit (100 unless configured otherwise, never above 500); default: the limit.";

    public const string Since = "Only notifications that occurred at or after this time (UTC if no offset is given).";

    public static string Submit(DocumentType type, string? description) =>
        $"Submits a {type.Title.ToLowerInvariant()}. Resending the same document is answered with the original acknowledgement " +
        $"(replayed); the same number with other content is a Conflict. {description}".TrimEnd();

    public static string Command(DocumentCommand command) =>
        $"{command.Summary} Send a unique commandId: a retry with the same commandId and content is answered with the original " +
        "acknowledgement (replayed), other content under it is a Conflict. Without a commandId, wsa:MessageID is used when present.";

    public static string Service(Hub.Services.DealerService service) =>
        $"{service.Summary}. {service.Description} REST: POST /api/v1{service.Route}.";

    public static JsonObject TrackingId() => new()
    {
        ["type"] = "string",
        ["minLength"] = 1,
        ["maxLength"] = 64,
        ["description"] = "The trackingId the submission's acknowledgement carried.",
    };

    public static JsonObject CommandId() => new()
    {
        ["type"] = "string",
        ["minLength"] = 1,
        ["maxLength"] = 255,
        ["pattern"] = "^[!-~]+$",
        ["description"] = "Your unique ID for this command (1–255 printable ASCII characters, no spaces), e.g. a UUID; it makes retries safe.",
    };
}

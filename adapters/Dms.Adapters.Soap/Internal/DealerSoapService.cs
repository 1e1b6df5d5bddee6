using System.Text.Json.Nodes;
using System.Text.Json;
using Dms.Adapters.Soap.Contracts;
using Dms.Hub.Common;
using Dms.Hub.Intake;
using Dms.Hub.Notifications;
using Dms.Hub.Registry;
using Dms.Hub.RetailDeliveries;
using Dms.Hub.Storage;
using Dms.Hub.WarrantyClaims;
using Microsoft.AspNetCore.Http;

namespace Dms.Adapters.Soap.Internal;

/// <summary>
/// The SOAP operations, each a thin translation onto the same intake, commands and mailbox as REST. The XML
/// contracts mirror the JSON schemas, so a document becomes canonical JSON by plain serialization; adding a
/// document type is one contract class and one operation line.
/// </summary>
internal sealed class DealerSoapService(
    IHttpContextAccessor http,
    DocumentIntake intake,
    DocumentCommands commands,
    Mailbox mailbox,
    IDocumentStore store,
    DocumentTypeRegistry types) : IDealerService
{
    private HttpContext Context => http.HttpContext!;

    public Task<Acknowledgement> SubmitWarrantyClaimAsync(WarrantyClaimXml claim) => SubmitAsync(WarrantyClaimType.TypeName, claim);

    public Task<Acknowledgement> ResubmitWarrantyClaimAsync(string trackingId, WarrantyClaimXml claim) =>
        CommandAsync(WarrantyClaimType.TypeName, trackingId, "resubmissions", Json(claim));

    public Task<Acknowledgement> CancelWarrantyClaimAsync(DocumentCommandXml command) => ReasonCommandAsync(WarrantyClaimType.TypeName, "cancel", command);

    public Task<Acknowledgement> AppealWarrantyClaimAsync(DocumentCommandXml command) => ReasonCommandAsync(WarrantyClaimType.TypeName, "appeals", command);

    public Task<Acknowledgement> SubmitRetailDeliveryReportAsync(RetailDeliveryReportXml report) => SubmitAsync(RetailDeliveryType.TypeName, report);

    public Task<Acknowledgement> UnwindRetailDeliveryReportAsync(DocumentCommandXml command) => ReasonCommandAsync(RetailDeliveryType.TypeName, "unwind", command);

    public async Task<DocumentStatusXml> GetDocumentStatusAsync(string trackingId)
    {
        var caller = SoapCaller.From(Context);
        if (TrackingIds.TryParse(trackingId, out var owner) && owner == caller.Dealer.Code)
        {
            foreach (var type in types.All)
            {
                if (await store.GetAsync(owner, type.Name, trackingId, Context.RequestAborted) is { } document)
                {
                    return SoapViews.Status(type, document);
                }
            }
        }

        return new DocumentStatusXml { Outcome = "NotFound" };
    }

    public async Task<NotificationBatchXml> PullNotificationsAsync(PullNotificationsXml request)
    {
        var caller = SoapCaller.From(Context);
        var since = request?.Since is { } s ? new DateTimeOffset(DateTime.SpecifyKind(s, DateTimeKind.Utc)) : (DateTimeOffset?)null;
        var items = await mailbox.PullAsync(caller.Dealer.Code, request?.MaxItems ?? mailbox.MaxItems, request?.DocumentType, since, Context.RequestAborted);
        return new NotificationBatchXml { Notifications = [.. items.Select(SoapViews.Notification)] };
    }

    public async Task<AcknowledgeResultXml> AcknowledgeNotificationsAsync(StringListXml receiptIds)
    {
        var caller = SoapCaller.From(Context);
        var requested = (receiptIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        var acknowledged = await mailbox.AcknowledgeAsync(caller.Dealer.Code, requested, Context.RequestAborted);
        return new AcknowledgeResultXml { Acknowledged = [.. acknowledged], Unknown = [.. requested.Except(acknowledged, StringComparer.Ordinal)] };
    }

    private async Task<Acknowledgement> SubmitAsync(string typeName, object? document)
    {
        var caller = SoapCaller.From(Context);
        var submission = new Submission(types.Get(typeName), caller.Dealer, Json(document), "application/json", null, caller.Actor, caller.Received);
        return Acknowledgements.From(await intake.SubmitAsync(submission, Context.RequestAborted));
    }

    private Task<Acknowledgement> ReasonCommandAsync(string typeName, string command, DocumentCommandXml? body)
    {
        var json = new JsonObject { ["reason"] = body?.Reason, ["comment"] = body?.Comment };
        foreach (var empty in json.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            json.Remove(empty);
        }

        return CommandAsync(typeName, body?.TrackingId ?? string.Empty, command, JsonSerializer.SerializeToUtf8Bytes(json));
    }

    private async Task<Acknowledgement> CommandAsync(string typeName, string trackingId, string command, byte[] body)
    {
        var caller = SoapCaller.From(Context);
        var request = new CommandRequest(types.Get(typeName), caller.Dealer, trackingId, command, body, null, caller.Actor, caller.Received);
        return Acknowledgements.From(await commands.ExecuteAsync(request, Context.RequestAborted));
    }

    private static byte[] Json(object? document) =>
        document is null ? "null"u8.ToArray() : JsonSerializer.SerializeToUtf8Bytes(document, document.GetType(), HubJson.Options);
}

using System.Net;
using System.Text.Json.Nodes;
using Dms.Console.Internal;
using Dms.Hub.Dealers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dms.Console.Endpoints;

/// <summary>
/// Admins onboard dealers, change them and issue keys and secrets. A new key or secret is written into the answer
/// once (never stored, never cached, never logged); every action is audited without it.
/// </summary>
internal static class DealerEndpoints
{
    public static void MapDealerEndpoints(this IEndpointRouteBuilder console)
    {
        var group = console.MapGroup("/actions/dealers").RequireAuthorization(ConsolePolicies.Administer);
        group.MapPost("", OnboardAsync).ValidateAntiforgery();
        group.MapPost("/{code}", UpdateAsync).ValidateAntiforgery();
        group.MapPost("/{code}/api-key", (HttpContext c, string code, DealerDirectory d, ConsoleActions a) =>
            RotateAsync(c, code, a, "IssuedApiKey", "API key", async ct => await d.RotateKeyAsync(code, ct))).ValidateAntiforgery();
        group.MapPost("/{code}/soap-secret", (HttpContext c, string code, IDealerStore store, SoapSecrets secrets, ConsoleActions a) =>
            RotateAsync(c, code, a, "IssuedSoapSecret", "SOAP password (UsernameToken user " + code + ")", async ct =>
                await store.GetAsync(code, ct) is null ? null : await secrets.IssueAsync(code, demo: false, null, ct))).ValidateAntiforgery();
        group.MapPost("/{code}/webhook-secret", (HttpContext c, string code, IDealerStore store, DealerSecrets secrets, DealerDirectory directory, ConsoleActions a) =>
            RotateAsync(c, code, a, "RotatedWebhookSecret", "webhook signing secret", async ct =>
            {
                var rotated = await DealerRegistration.RotateWebhookSecretAsync(store, code, ct);
                directory.Forget(code); // this instance signs with the new secret at once
                return rotated is null ? null : secrets.WebhookSecret(rotated);
            })).ValidateAntiforgery();
    }

    private static async Task<IResult> OnboardAsync(HttpContext context, DealerRegistration registration, DealerDirectory directory, DealerSecrets secrets, ConsoleActions actions)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var (dealer, errors) = Read(form, registration);
        if (dealer is null)
        {
            return ConsoleActions.Problem(context, 422, "The dealer was not onboarded", string.Join(" ", errors), "/console/dealers/new");
        }

        if (await directory.OnboardAsync(dealer, context.RequestAborted) is not { } key)
        {
            return ConsoleActions.Problem(context, 409, "The dealer exists", $"Dealer {dealer.Code} is registered already; nothing was changed.", Links.Dealer(dealer.Code));
        }

        await actions.AuditAsync(context, "OnboardedDealer", "dealer " + dealer.Code, null, 1, $"region {dealer.Region}, district {dealer.District ?? "none"}, stage {dealer.Stage}, channel {dealer.NotificationChannel}");
        var shown = new List<(string, string)> { ("API key", key) };
        if (dealer.NotificationChannel == NotificationChannels.Webhook)
        {
            shown.Add(("Webhook signing secret", secrets.WebhookSecret(dealer)));
        }

        return ShownOnce(context, $"Dealer {dealer.Code} is onboarded", dealer.Code, shown);
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, string code, DealerRegistration registration, IDealerStore store, DealerDirectory directory, ConsoleActions actions)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var (update, errors) = Read(form, registration);
        if (update is null || update.Code != code || await store.GetAsync(code, context.RequestAborted) is not { } existing)
        {
            return ConsoleActions.Problem(context, update is null ? 422 : 404, "The dealer was not changed", update is null ? string.Join(" ", errors) : "There is no such dealer.", Links.Dealer(code));
        }

        var changed = DealerRegistration.Changed(existing, update);
        await store.UpsertAsync(changed, context.RequestAborted);
        directory.Forget(code);
        await actions.AuditAsync(context, "ChangedDealer", "dealer " + code, null, 1,
            $"stage {existing.Stage} → {changed.Stage}; region {existing.Region} → {changed.Region}; channel {existing.NotificationChannel} → {changed.NotificationChannel}; types {string.Join(',', changed.DocumentTypes)}");
        return Results.Redirect(Links.Dealer(code));
    }

    private static async Task<IResult> RotateAsync(HttpContext context, string code, ConsoleActions actions, string action, string what, Func<CancellationToken, Task<string?>> issue)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (ConsoleActions.Text(form, "reason") is not { } reason)
        {
            return ConsoleActions.Problem(context, 400, "A reason is required", "Say why the key or secret is replaced; nothing was issued.", Links.Dealer(code));
        }

        if (await issue(context.RequestAborted) is not { } secret)
        {
            return ConsoleActions.Problem(context, 404, "No such dealer", "There is no such dealer; nothing was issued.", "/console/dealers");
        }

        await actions.AuditAsync(context, action, "dealer " + code, reason, 1);
        return ShownOnce(context, $"New {what} for {code}", code, [(what, secret)]);
    }

    private static (Dealer? Dealer, IReadOnlyList<string> Errors) Read(IFormCollection form, DealerRegistration registration)
    {
        var node = new JsonObject();
        foreach (var name in new[] { "code", "name", "region", "district", "brand", "notificationChannel", "callbackUrl", "stage" })
        {
            if (form[name].ToString().Trim() is { Length: > 0 } value)
            {
                node[name] = value;
            }
        }

        var types = form["documentTypes"].OfType<string>().ToList();
        if (types.Count > 0)
        {
            node["documentTypes"] = new JsonArray(types.Select(t => (JsonNode)t).ToArray());
        }

        var (dealer, errors) = registration.Read(node, node.ToJsonString());
        return (dealer, errors.Select(e => $"{e.Path}: {e.Message}").ToList());
    }

    private static IResult ShownOnce(HttpContext context, string title, string code, IReadOnlyList<(string Name, string Value)> secrets)
    {
        context.Response.Headers.CacheControl = "no-store";
        var items = string.Concat(secrets.Select(s => $"<dt>{WebUtility.HtmlEncode(s.Name)}</dt><dd><code>{WebUtility.HtmlEncode(s.Value)}</code></dd>"));
        var html = SimplePages.Message(title, "Copy it now and hand it to the dealer over a safe channel: it is shown only this once and cannot be read back.", Links.Dealer(code))
            .Replace("</h1>", $"</h1><div class=\"once\" role=\"status\"><dl class=\"facts\">{items}</dl></div>", StringComparison.Ordinal);
        return Results.Content(html, "text/html; charset=utf-8");
    }
}

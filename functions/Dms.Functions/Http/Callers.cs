using System.Security.Claims;
using Dms.Hub.Dealers;
using Dms.Hub.Workflow;

namespace Dms.Functions.Http;

/// <summary>Who is calling, as the endpoints need it.</summary>
internal static class Callers
{
    public const string DealerPolicy = "dealer";
    public const string OemPolicy = "oem";
    public const string AdminPolicy = "admin";
    public const string HqPolicy = "hq";

    public static string Id(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;

    public static Actor Actor(this HttpContext context, string kind, string channel = "rest") =>
        new(context.User.Id(), kind, channel, Correlation.Get(context));

    /// <summary>The calling dealer's record; endpoints under the dealer policy always have one.</summary>
    public static async Task<Dealer> DealerAsync(this HttpContext context) =>
        await context.RequestServices.GetRequiredService<DealerDirectory>().GetDealerAsync(context.User.Id(), context.RequestAborted)
        ?? throw new InvalidOperationException("Authenticated dealer not found.");
}

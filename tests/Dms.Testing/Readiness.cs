using System.Net;
using System.Net.Http.Json;

namespace Dms.Testing;

/// <summary>
/// A hub is ready for tests when its tables exist and the bootstrap keys are stored: the first admin and OEM calls
/// would race the start-up tasks otherwise.
/// </summary>
internal static class Readiness
{
    public static async Task WaitAsync(Func<string?, HttpClient> client, TimeSpan? timeout = null)
    {
        using var anonymous = client(null);
        using var admin = client(HubSettings.AdminKey);
        using var oem = client(HubSettings.OemKey);
        await Eventually.GetAsync(async () =>
        {
            try
            {
                using var ready = await anonymous.GetAsync("/health/ready");
                if (ready.StatusCode != HttpStatusCode.OK)
                {
                    return false;
                }

                using var adminCall = await admin.GetAsync("/api/v1/admin/dead-letters");
                using var oemCall = await oem.PostAsync("/api/v1/oem/warranty-claims/X/events", JsonContent.Create(new { type = "Accepted" }));
                return adminCall.StatusCode == HttpStatusCode.OK && oemCall.StatusCode == HttpStatusCode.NotFound;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, ok => ok, timeout ?? TimeSpan.FromSeconds(60), "hub ready");
    }
}

using System.Text.Json.Nodes;

namespace Dms.Testing;

/// <summary>HQ users registered through the admin API (in-process hub or a hub process alike).</summary>
public static class TestHqUser
{
    /// <summary>Registers an HQ user (region null) or a regional manager and returns its API key.</summary>
    public static async Task<string> RegisterAsync(HttpClient admin, string? region = null)
    {
        var id = (region is null ? "hq-" : "rm-") + Guid.NewGuid().ToString("N")[..12];
        var body = new JsonObject { ["id"] = id, ["name"] = "Test " + id, ["role"] = region is null ? "hq" : "regional-manager" };
        if (region is not null)
        {
            body["region"] = region;
        }

        using var response = await admin.PostAsJsonAsync("/api/v1/admin/hq-users", body);
        var json = await response.ReadJsonAsync();
        return response.StatusCode == System.Net.HttpStatusCode.Created
            ? json["apiKey"]!.GetValue<string>()
            : throw new InvalidOperationException($"Creating HQ user {id} failed: {(int)response.StatusCode} {json}");
    }
}

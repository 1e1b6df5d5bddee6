using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Dms.Adapters.ServiceBus;
using Dms.Hub.Work;

namespace Dms.Deployment.Tests;

/// <summary>infra/ compiles and lints clean, and declares what production needs.</summary>
public sealed class BicepTests
{
    private static readonly Dictionary<string, string> Secrets = new()
    {
        ["DMS_MASTER_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["DMS_ADMIN_KEY"] = "admin-key-for-the-template-test",
        ["DMS_OEM_KEY"] = "oem-key-for-the-template-test",
        ["DMS_OEM_WARRANTY_AUTH"] = "oem-warranty-credential",
    };

    [Fact]
    public async Task Main_BuildsWithoutErrorsOrWarnings()
    {
        var (exitCode, output, errors) = await Bicep.RunAsync(null, "build", Bicep.Infra("main.bicep"), "--stdout");

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, errors.Trim());
        Assert.StartsWith("{", output.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_AndEveryModule_LintClean()
    {
        // Linting main.bicep lints the whole compilation: every module's diagnostics are reported with their file.
        var (exitCode, output, errors) = await Bicep.RunAsync(null, "lint", Bicep.Infra("main.bicep"));

        Assert.True(exitCode == 0 && output.Trim().Length == 0 && errors.Trim().Length == 0, output + errors);
    }

    [Fact]
    public async Task Parameters_BuildWithSecretsFromTheEnvironment_AndRefuseWithoutThem()
    {
        var (built, output, errors) = await Bicep.RunAsync(Secrets, "build-params", Bicep.Infra("main.bicepparam"), "--stdout");
        var (missing, _, why) = await Bicep.RunAsync(null, "build-params", Bicep.Infra("main.bicepparam"), "--stdout");

        Assert.True(built == 0 && errors.Trim().Length == 0, errors);
        var parameters = JsonNode.Parse(JsonNode.Parse(output)!["parametersJson"]!.GetValue<string>())!["parameters"]!;
        Assert.Equal(Secrets["DMS_MASTER_KEY"], parameters["masterKey"]!["value"]!.GetValue<string>());
        Assert.NotEqual(0, missing);
        Assert.Contains("DMS_MASTER_KEY", why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_FunctionApp_IsACustomHandlerOnLinuxElasticPremium_WithAnIdentity()
    {
        var resources = Bicep.Resources(await Bicep.CompileMainAsync()).ToList();

        var plan = resources.Single(r => Type(r) == "Microsoft.Web/serverfarms");
        Assert.Equal(("ElasticPremium", true), (plan["sku"]!["tier"]!.GetValue<string>(), plan["properties"]!["reserved"]!.GetValue<bool>()));
        var site = resources.Single(r => Type(r) == "Microsoft.Web/sites");
        Assert.Equal("functionapp,linux", site["kind"]!.GetValue<string>());
        Assert.Equal("SystemAssigned", site["identity"]!["type"]!.GetValue<string>());
        var settings = site["properties"]!["siteConfig"]!["appSettings"]!.AsArray().ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!["value"]!.ToJsonString());
        Assert.Equal("\"custom\"", settings["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("\"service-bus\"", settings["Dms__Work__Transport"]);
        Assert.Contains("Microsoft.KeyVault(SecretUri=", settings["Dms__Security__MasterKey"], StringComparison.Ordinal);
        Assert.Contains("ServiceBusConnection__fullyQualifiedNamespace", settings.Keys);
        Assert.Contains("AzureWebJobsStorage__accountName", settings.Keys);
        Assert.All(settings.Keys, name => Assert.Matches("^[A-Za-z0-9_.]+$", name)); // Linux app setting names
    }

    [Fact]
    public async Task Template_ServiceBus_HasOneQueuePerWorkKind_WithDuplicateDetectionAndDeadLettering()
    {
        var template = await Bicep.CompileMainAsync();
        var resources = Bicep.Resources(template).ToList();

        var variables = template["variables"]!;
        var kinds = variables["workKinds"]!.AsArray().Select(k => k!.GetValue<string>());
        Assert.Equal(new[] { WorkKinds.Route, WorkKinds.Deliver, WorkKinds.Notify, WorkKinds.Effect, WorkKinds.Timer, WorkKinds.Batch }.Order(), kinds.Order());
        Assert.Equal(new ServiceBusOptions().QueuePrefix, variables["queuePrefix"]!.GetValue<string>());
        var queue = resources.Single(r => Type(r) == "Microsoft.ServiceBus/namespaces/queues")["properties"]!;
        Assert.True(queue["requiresDuplicateDetection"]!.GetValue<bool>());
        Assert.True(queue["deadLetteringOnMessageExpiration"]!.GetValue<bool>());
        Assert.Contains("maxDeliveryCount", queue["maxDeliveryCount"]!.GetValue<string>(), StringComparison.Ordinal);
        var sbNamespace = resources.Single(r => Type(r) == "Microsoft.ServiceBus/namespaces");
        Assert.True(sbNamespace["properties"]!["disableLocalAuth"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Template_StorageKeyVaultInsightsAndRoleAssignments_ArePresent()
    {
        var template = await Bicep.CompileMainAsync();
        var resources = Bicep.Resources(template).ToList();

        Assert.Contains(resources, r => Type(r) == "Microsoft.Storage/storageAccounts");
        Assert.True(resources.Single(r => Type(r) == "Microsoft.KeyVault/vaults")["properties"]!["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.Equal(4, resources.Count(r => Type(r) == "Microsoft.KeyVault/vaults/secrets"));
        Assert.Contains(resources, r => Type(r) == "Microsoft.Insights/components");
        Assert.Contains(resources, r => Type(r) == "Microsoft.OperationalInsights/workspaces");
        var rolesModule = resources.Single(r => r["name"]?.GetValue<string>() == "roles")["properties"]!["template"]!;
        Assert.Equal(4, Bicep.Resources(rolesModule.AsObject()).Count(r => Type(r) == "Microsoft.Authorization/roleAssignments"));
        var grants = rolesModule.ToJsonString();
        foreach (var role in new[]
                 {
                     "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39", "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0", // Service Bus sender, receiver
                     "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", // blobs, queues, tables
                     "4633458b-17de-408a-b874-0445c86b69e6", "3913510d-42f4-4e42-8a64-420c390055eb", // Key Vault secrets, metrics
                 })
        {
            Assert.Contains(role, grants, StringComparison.Ordinal);
        }
    }

    private static string Type(JsonObject resource) => resource["type"]!.GetValue<string>();
}

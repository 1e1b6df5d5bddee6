using System.Text.Json.Nodes;

namespace Dms.Deployment.Tests;

/// <summary>The functions as the Functions host indexes them: every <c>functions/*/function.json</c>.</summary>
internal static class FunctionFolders
{
    public static IReadOnlyList<FunctionDefinition> All { get; } = Directory.GetDirectories(Path.Combine(RepoRoot.Path, "functions"))
        .Where(d => File.Exists(Path.Combine(d, "function.json")))
        .Select(d => new FunctionDefinition(Path.GetFileName(d), JsonNode.Parse(File.ReadAllText(Path.Combine(d, "function.json")))!.AsObject()))
        .OrderBy(f => f.Name, StringComparer.Ordinal)
        .ToList();

    public static IEnumerable<FunctionDefinition> Gateways => All.Where(f => f.TriggerType == "httpTrigger");

    public static IEnumerable<FunctionDefinition> HostOnly => All.Where(f => f.TriggerType != "httpTrigger");
}

internal sealed record FunctionDefinition(string Name, JsonObject Json)
{
    public JsonArray Bindings => Json["bindings"]!.AsArray();

    public JsonObject Trigger => Bindings.Single(b => b!["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal))!.AsObject();

    public string TriggerType => Trigger["type"]!.GetValue<string>();

    public string Setting(string name) => Trigger[name]!.GetValue<string>();

    public override string ToString() => Name;
}

using System.Reflection;
using System.Text.Json.Nodes;

namespace Dms.Deployment.Tests;

/// <summary>The Bicep CLI from the NuGet package Azure.Bicep.CommandLine.linux-x64 (restored with this project).</summary>
internal static class Bicep
{
    public static string Executable { get; } = Locate();

    public static string Infra(string file) => Path.Combine(RepoRoot.Path, "infra", file);

    public static Task<(int ExitCode, string Output, string Errors)> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        Cli.RunAsync(Executable, arguments, environment);

    private static readonly Lazy<Task<string>> Compiled = new(async () =>
    {
        var (exitCode, output, errors) = await RunAsync(null, "build", Infra("main.bicep"), "--stdout");
        Assert.True(exitCode == 0, errors);
        return output;
    });

    /// <summary>The ARM template main.bicep compiles to (compiled once per run).</summary>
    public static async Task<JsonObject> CompileMainAsync() => JsonNode.Parse(await Compiled.Value)!.AsObject();

    /// <summary>Every resource in the template, modules (nested deployments) included.</summary>
    public static IEnumerable<JsonObject> Resources(JsonObject template)
    {
        var resources = template["resources"] switch
        {
            JsonArray list => list.Select(r => r!.AsObject()),
            JsonObject symbolic => symbolic.Select(p => p.Value!.AsObject()),
            _ => [],
        };
        foreach (var resource in resources)
        {
            yield return resource;
            if (resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in Resources(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    private static string Locate()
    {
        var package = typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepCli").Value!;
        var executable = Path.Combine(package, "tools", "bicep");
        Assert.True(File.Exists(executable), $"The Bicep CLI is missing at {executable}; restore Dms.Deployment.Tests.");
        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(executable).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(executable, File.GetUnixFileMode(executable) | UnixFileMode.UserExecute);
        }

        return executable;
    }
}

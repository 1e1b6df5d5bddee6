using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Dms.Testing;

namespace Dms.Bench;

/// <summary>What the numbers were measured on: cores, memory, CPU model, OS, runtime, Azurite version, commit.</summary>
internal static class Machine
{
    public static JsonObject Describe() => new()
    {
        ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
        ["cores"] = Environment.ProcessorCount,
        ["memoryGiB"] = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024, 1),
        ["cpu"] = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() : null,
        ["os"] = RuntimeInformation.OSDescription,
        ["runtime"] = RuntimeInformation.FrameworkDescription,
        ["azurite"] = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot.Path, "node_modules", "azurite", "package.json")))!["version"]!.GetValue<string>(),
        ["loadAverage"] = LoadAverage(),
        ["commit"] = Git("rev-parse --short HEAD") + (Git("status --porcelain --untracked-files=no").Length > 0 ? " (with uncommitted changes)" : ""),
    };

    /// <summary>The 1/5/15-minute load averages (the machine is shared: figures mean little without them).</summary>
    public static string? LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;

    private static string Git(string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, WorkingDirectory = RepoRoot.Path };
            using var git = Process.Start(start)!;
            var text = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return text;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}

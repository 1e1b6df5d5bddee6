using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace Dms.Console.Internal;

/// <summary>
/// The console's script, style sheet and Chart.js, embedded in the assembly and served by the app itself under
/// <c>/console/assets/</c> with a content hash in the URL (cached for a year, never stale, no CDN).
/// </summary>
public static class ConsoleAssets
{
    public const string Path = "/console/assets/";

    private static readonly FrozenDictionary<string, Asset> All = Load();

    public static string Url(string name) => All.TryGetValue(name, out var asset) ? $"{Path}{name}?v={asset.Version}" : Path + name;

    public static bool TryGet(string name, out Asset asset) => All.TryGetValue(name, out asset!);

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        return assembly.GetManifestResourceNames().Where(n => n.StartsWith("assets/", StringComparison.Ordinal)).ToFrozenDictionary(
            n => n["assets/".Length..],
            n => Read(assembly, n),
            StringComparer.Ordinal);
    }

    private static Asset Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var bytes = memory.ToArray();
        var type = System.IO.Path.GetExtension(name) switch
        {
            ".css" => "text/css; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".svg" => "image/svg+xml",
            _ => "application/octet-stream",
        };
        return new Asset(bytes, type, Convert.ToHexStringLower(SHA256.HashData(bytes))[..12]);
    }
}

public sealed record Asset(byte[] Content, string ContentType, string Version);

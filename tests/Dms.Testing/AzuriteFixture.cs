using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit;

namespace Dms.Testing;

/// <summary>
/// Azurite (npm, installed by ./dms test) in memory on ports it picks itself and reports, so runs never collide.
/// Stopped by PID at the end, with SIGKILL as the fallback (it can ignore SIGTERM when busy).
/// </summary>
public sealed partial class AzuriteFixture : IAsyncLifetime
{
    /// <summary>
    /// Node options Azurite runs with, here and in <c>./dms run</c>: the repository's <c>azurite.node-options</c> (why each
    /// option is there, with what it was measured to change), or <c>DMS_AZURITE_NODE_OPTIONS</c> when set (empty: node's defaults).
    /// </summary>
    public static string AzuriteNodeOptions { get; } = Environment.GetEnvironmentVariable("DMS_AZURITE_NODE_OPTIONS") ?? DefaultNodeOptions();

    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, int> _ports = new(StringComparer.Ordinal);
    private Process? _process;
    private DirectoryInfo? _folder;
    private TextWriter? _log;
    private string _nodeOptions = AzuriteNodeOptions;
    private IReadOnlyList<string> _arguments = [];

    /// <summary>An Azurite run differently from the tests' (xUnit wants a fixture with one public constructor).</summary>
    /// <param name="nodeOptions">Options for node itself, instead of <see cref="AzuriteNodeOptions"/>.</param>
    /// <param name="arguments">Azurite arguments on top of the fixture's own (e.g. <c>--disableTelemetry</c>).</param>
    public static AzuriteFixture With(string nodeOptions, IReadOnlyList<string> arguments) => new() { _nodeOptions = nodeOptions, _arguments = arguments };

    /// <summary>The options of <c>azurite.node-options</c> (every line that is not blank or a # comment), on one line.</summary>
    public static string DefaultNodeOptions() =>
        string.Join(' ', File.ReadLines(System.IO.Path.Combine(RepoRoot.Path, "azurite.node-options")).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')));

    public int TablePort => _ports["Table"];

    public int QueuePort => _ports["Queue"];

    public int BlobPort => _ports["Blob"];

    /// <summary>Azurite's node process, for benchmarks that report its CPU time.</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("Azurite is not running.");

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    public async ValueTask InitializeAsync()
    {
        var script = System.IO.Path.Combine(RepoRoot.Path, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException("Azurite is not installed; run ./dms test (it runs npm ci first).");
        }

        _folder = Directory.CreateTempSubdirectory("dms-azurite-");
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _folder.FullName,
        };
        // Node's options as ./dms run sets them (AzuriteNodeOptions, unless the caller chose), then DMS_AZURITE_NODE_ARGS:
        // more options for node itself (e.g. --trace-gc, which NODE_OPTIONS does not take); none by default.
        foreach (var arg in _nodeOptions.Split(' ', StringSplitOptions.RemoveEmptyEntries).Concat((Environment.GetEnvironmentVariable("DMS_AZURITE_NODE_ARGS") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var arg in new[] { script, "--blobHost", "127.0.0.1", "--blobPort", "0", "--queuePort", "0", "--tablePort", "0",
                     "--inMemoryPersistence", "--skipApiVersionCheck", "--silent" }.Concat(_arguments))
        {
            start.ArgumentList.Add(arg);
        }

        if (Environment.GetEnvironmentVariable("DMS_AZURITE_DEBUG_LOG") is { Length: > 0 } debugLog)
        {
            // Every request Azurite serves, to a file (e.g. to see which tables a console page queries); off by default.
            start.ArgumentList.Add("--debug");
            start.ArgumentList.Add(debugLog);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        _process.OutputDataReceived += (_, e) => OnOutput(e.Data);
        _process.ErrorDataReceived += (_, e) => OnError(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var finished = await Task.WhenAny(_ready.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        if (finished != _ready.Task)
        {
            throw new TimeoutException("Azurite did not report its ports within 60 s.");
        }

        await _ready.Task;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process?.Dispose();
        _log?.Dispose();
        try
        {
            _folder?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private void OnError(string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            _ready.TrySetException(new InvalidOperationException("Azurite failed: " + line));
        }
    }

    private void OnOutput(string? line)
    {
        // With DMS_CHILD_LOGS set, Azurite's output is kept too (with NODE_OPTIONS=--trace-gc: its garbage collections).
        _log ??= Environment.GetEnvironmentVariable("DMS_CHILD_LOGS") is { Length: > 0 } folder && _process is { } process
            ? TextWriter.Synchronized(new StreamWriter(System.IO.Path.Combine(Directory.CreateDirectory(folder).FullName, $"azurite-{process.Id}.log")) { AutoFlush = true })
            : TextWriter.Null;
        _log.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {line}");
        if (line is null || ListeningLine().Match(line) is not { Success: true } match)
        {
            return;
        }

        lock (_ports)
        {
            _ports[match.Groups[1].Value] = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (_ports.Count == 3)
            {
                _ready.TrySetResult();
            }
        }
    }

    [GeneratedRegex(@"Azurite (Blob|Queue|Table) service is successfully listening at http://127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningLine();
}

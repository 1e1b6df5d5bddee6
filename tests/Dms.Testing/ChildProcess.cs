using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dms.Testing;

/// <summary>A built .NET program of this repository run as a separate process (so it can be killed like a real one).</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private int _disposed;

    private ChildProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The process's id (for a profiler or counters attached from outside).</summary>
    public int ProcessId => _process.Id;

    /// <param name="project">Folder under the repository root, e.g. <c>functions/Dms.Functions</c>.</param>
    /// <param name="port">A port chosen beforehand (see <see cref="FreePort"/>), when others must know it in advance.</param>
    /// <param name="environment">Extra environment variables, as a host would set them.</param>
    /// <param name="root">Another checkout to run the program's build from (default: this repository).</param>
    public static async Task<ChildProcess> StartAsync(string project, IEnumerable<string> arguments, string readyPath, int? port = null,
        IReadOnlyDictionary<string, string>? environment = null, string? root = null)
    {
        var dll = Path.Combine(root ?? RepoRoot.Path, project, "bin", RepoRoot.Configuration, "net10.0", Path.GetFileName(project) + ".dll");
        if (!File.Exists(dll))
        {
            // Said at once: dotnet would exit at start, and the wait for readiness only time out a minute later.
            throw new FileNotFoundException($"{dll} is not built: dotnet build -c {RepoRoot.Configuration} in {root ?? RepoRoot.Path} first.", dll);
        }

        port ??= FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { dll, "--urls", $"http://127.0.0.1:{port}" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + project);
        var log = OpenLog(project, process.Id);
        process.OutputDataReceived += (_, e) => log?.WriteLine(e.Data);
        process.ErrorDataReceived += (_, e) => log?.WriteLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var child = new ChildProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = child.BaseAddress };
        try
        {
            await Eventually.GetAsync(async () =>
            {
                try
                {
                    using var response = await http.GetAsync(readyPath);
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, ok => ok, TimeSpan.FromSeconds(60), project + " ready");
        }
        catch
        {
            await child.DisposeAsync(); // never ready: not left running
            throw;
        }

        return child;
    }

    /// <summary>SIGKILL: no shutdown hooks, no draining — a crash.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Kills and releases the process; again is a no-op (a stack whose restart failed disposes the old one twice).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await KillAsync();
        _process.Dispose();
    }

    /// <summary>With DMS_CHILD_LOGS set to a folder, each child's output goes to {folder}/{program}-{pid}.log (otherwise it is dropped).</summary>
    private static TextWriter? OpenLog(string project, int processId) =>
        Environment.GetEnvironmentVariable("DMS_CHILD_LOGS") is { Length: > 0 } folder
            ? TextWriter.Synchronized(new StreamWriter(System.IO.Path.Combine(Directory.CreateDirectory(folder).FullName, $"{System.IO.Path.GetFileName(project)}-{processId}.log")) { AutoFlush = true })
            : null;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

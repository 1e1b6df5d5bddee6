using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using Dms.Testing.Transports;

namespace Dms.Deployment.Tests;

/// <summary>
/// ./dms publish produces the deployable folder and zip, and the packaged executable starts the way the Functions
/// host starts it (working directory handler/, FUNCTIONS_CUSTOMHANDLER_PORT and app settings in the environment).
/// </summary>
public sealed class PublishTests(AzuriteFixture azurite) : IDisposable
{
    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("dms-publish-");

    [Fact]
    public async Task Publish_ProducesTheFunctionApp_AndItsExecutableServesTheHost()
    {
        var app = Path.Combine(_output.FullName, "functionapp");

        var (exitCode, output, errors) = await Cli.RunAsync("bash", ["dms", "publish", app], timeout: TimeSpan.FromMinutes(8));

        Assert.True(exitCode == 0, output + errors);
        AssertLayout(app);
        AssertZip(app + ".zip");
        await AssertHandlerStartsLikeTheHostStartsItAsync(app);
    }

    public void Dispose() => _output.Delete(recursive: true);

    private static void AssertLayout(string app)
    {
        Assert.True(File.Exists(Path.Combine(app, "host.json")));
        Assert.Equal(File.ReadAllText(Path.Combine(RepoRoot.Path, "host.json")), File.ReadAllText(Path.Combine(app, "host.json")));
        foreach (var function in FunctionFolders.All)
        {
            Assert.True(File.Exists(Path.Combine(app, function.Name, "function.json")), function.Name);
        }

        var handler = Path.Combine(app, "handler", "Dms.Functions");
        Assert.True(File.Exists(handler));
        Assert.True(File.Exists(Path.Combine(app, "handler", "appsettings.json")));
        Assert.True(File.Exists(Path.Combine(app, "handler", "libcoreclr.so")), "self-contained: the runtime travels with the app");
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(handler).HasFlag(UnixFileMode.UserExecute));
        }
    }

    private static void AssertZip(string zip)
    {
        using var archive = ZipFile.OpenRead(zip);
        var names = archive.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("host.json", names);
        Assert.All(FunctionFolders.All, f => Assert.Contains(f.Name + "/function.json", names));
        var handler = archive.GetEntry("handler/Dms.Functions")!;
        Assert.True(((handler.ExternalAttributes >> 16) & 0b001_000_000) != 0, "the handler keeps its execute bit in the zip");
        Assert.DoesNotContain(names, n => n.Contains('\\', StringComparison.Ordinal));
    }

    private async Task AssertHandlerStartsLikeTheHostStartsItAsync(string app)
    {
        using var bus = new ServiceBusFake();
        var port = ChildProcess.FreePort();
        var start = new ProcessStartInfo(Path.Combine(app, "handler", "Dms.Functions"))
        {
            WorkingDirectory = Path.Combine(app, "handler"),
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var settings = new Dictionary<string, string>
        {
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["FUNCTIONS_WORKER_RUNTIME"] = "custom",
            ["Dms__Storage__ConnectionString"] = azurite.ConnectionString,
            ["Dms__Storage__TablePrefix"] = "p" + Guid.NewGuid().ToString("N")[..10],
            ["Dms__Security__MasterKey"] = HubSettings.MasterKey,
            ["Dms__Work__Transport"] = "service-bus",
            ["Dms__ServiceBus__ConnectionString"] = bus.ConnectionString,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            await Eventually.GetAsync(async () =>
            {
                try
                {
                    using var ready = await http.GetAsync("/health/ready");
                    return ready.StatusCode;
                }
                catch (HttpRequestException)
                {
                    return HttpStatusCode.ServiceUnavailable;
                }
            }, status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "the packaged handler is ready");

            using var schemas = await http.GetAsync("/api/v1/schemas");
            Assert.Equal(HttpStatusCode.OK, schemas.StatusCode);
            var timer = new FunctionsHostDriver(http, bus);
            var sweep = await timer.InvokeTimerAsync("RecoverStalledWork");
            Assert.Equal((HttpStatusCode.OK, "Re-sent 0 stalled work item(s)."), (sweep.Status, Assert.Single(sweep.Logs)));
            using var content = new StringContent("""{"Data":{"message":"\"{}\""},"Metadata":{"MessageId":"\"m-1\""}}""", Encoding.UTF8, "application/json");
            using var dropped = await http.PostAsync("/WorkRoute", content);
            Assert.Equal(HttpStatusCode.OK, dropped.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}

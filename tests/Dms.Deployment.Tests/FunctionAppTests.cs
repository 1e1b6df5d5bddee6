using System.Text.Json.Nodes;
using Dms.Adapters.ServiceBus;
using Dms.Adapters.Soap;
using Dms.Functions;
using Dms.Hub.Work;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dms.Deployment.Tests;

/// <summary>
/// host.json and every function.json against the app itself: each gateway function forwards paths the app serves,
/// every public endpoint sits behind a gateway, no host-only route <c>/{FunctionName}</c> is reachable through one,
/// and each host-only function has its invocation route in custom-handler mode.
/// </summary>
public sealed class FunctionAppTests : IAsyncDisposable
{
    private readonly WebApplication _app = HubApp.Create([], configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["FUNCTIONS_CUSTOMHANDLER_PORT"] = "7099",
        ["Dms:Work:Transport"] = "service-bus",
        ["Dms:ServiceBus:FullyQualifiedNamespace"] = "dms-test.servicebus.windows.net",
        ["Dms:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
        ["Dms:Security:MasterKey"] = HubSettings.MasterKey,
    }));

    [Fact]
    public void HostJson_DeclaresTheCustomHandler_WithForwardingTheBundleAndServiceBusSettings()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot.Path, "host.json")))!;

        Assert.Equal("2.0", host["version"]!.GetValue<string>());
        Assert.Equal("handler/Dms.Functions", host["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>());
        Assert.Equal("handler", host["customHandler"]!["description"]!["workingDirectory"]!.GetValue<string>());
        Assert.True(host["customHandler"]!["enableForwardingHttpRequest"]!.GetValue<bool>());
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", host["extensionBundle"]!["id"]!.GetValue<string>());
        Assert.Equal(string.Empty, host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
        Assert.InRange(TimeSpan.Parse(host["functionTimeout"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30));
        Assert.InRange(host["extensions"]!["serviceBus"]!["maxConcurrentCalls"]!.GetValue<int>(), 1, 64);
        Assert.True(host["extensions"]!["serviceBus"]!["autoCompleteMessages"]!.GetValue<bool>());
    }

    [Fact]
    public void Gateways_HaveExactlyOneHttpTriggerAndOneHttpOutput_SoTheHostForwardsRawHttp()
    {
        Assert.NotEmpty(FunctionFolders.Gateways);
        Assert.All(FunctionFolders.Gateways, f =>
        {
            Assert.Equal(["httpTrigger", "http"], f.Bindings.Select(b => b!["type"]!.GetValue<string>()));
            Assert.Equal(("in", "out"), (f.Bindings[0]!["direction"]!.GetValue<string>(), f.Bindings[1]!["direction"]!.GetValue<string>()));
            Assert.Equal("anonymous", f.Setting("authLevel")); // the hub authenticates callers itself
            Assert.Null(f.Trigger["methods"]); // every verb
        });
    }

    [Fact]
    public void EveryGateway_ForwardsPathsTheAppServes_AndEveryPublicEndpointIsBehindExactlyOneGateway()
    {
        var gateways = FunctionFolders.Gateways.Select(f => (f.Name, Matcher: Matcher(f.Setting("route")))).ToList();
        var served = PublicPaths();

        foreach (var path in served)
        {
            Assert.True(gateways.Count(g => g.Matcher.TryMatch(path, [])) == 1, $"{path} is not behind exactly one gateway function");
        }

        foreach (var (name, matcher) in gateways)
        {
            Assert.True(served.Any(p => matcher.TryMatch(p, [])), $"Gateway function {name} forwards no path the app serves");
        }
    }

    [Fact]
    public void HostOnlyRoutes_AreServedInCustomHandlerMode_AndUnreachableThroughEveryGateway()
    {
        var gateways = FunctionFolders.Gateways.Select(f => Matcher(f.Setting("route"))).ToList();
        var invocations = Endpoints().Where(e => e.Methods.Contains("POST")).Select(e => e.Pattern).ToHashSet(StringComparer.Ordinal);

        Assert.All(FunctionFolders.All, f => Assert.DoesNotContain(gateways, g => g.TryMatch("/" + f.Name, [])));
        Assert.All(FunctionFolders.HostOnly, f => Assert.Contains("/" + f.Name, invocations));
    }

    [Fact]
    public void WorkFunctions_ListenOnTheQueueOfEveryKind_AndItsDeadLetterQueue()
    {
        var handlers = _app.Services.GetServices<IWorkHandler>().ToList();
        var kinds = handlers.Where(h => !h.LocalOnly).Select(h => h.Kind).Order().ToList();
        var prefix = _app.Services.GetRequiredService<IOptions<ServiceBusOptions>>().Value.QueuePrefix;
        var serviceBus = FunctionFolders.All.Where(f => f.TriggerType == "serviceBusTrigger").ToList();

        Assert.Equal(["batch", "deliver", "effect", "notify", "route", "timer"], kinds);
        // Work journals exist only with work claimed at birth (embedded transport, local loop): no queue, no function.
        Assert.Equal(["journal"], handlers.Where(h => h.LocalOnly).Select(h => h.Kind));
        Assert.DoesNotContain(FunctionFolders.All, f => f.Name.EndsWith("Journal", StringComparison.Ordinal));
        foreach (var kind in kinds)
        {
            var pascal = char.ToUpperInvariant(kind[0]) + kind[1..];
            var work = serviceBus.Single(f => f.Name == "Work" + pascal);
            var deadLetters = serviceBus.Single(f => f.Name == "DeadLetter" + pascal);
            Assert.Equal(prefix + kind, Resolve(work.Setting("queueName")));
            Assert.Equal(prefix + kind + "/$deadletterqueue", Resolve(deadLetters.Setting("queueName")));
        }

        Assert.Equal(kinds.Count * 2, serviceBus.Count);
        Assert.All(serviceBus, f => Assert.Equal(("message", "ServiceBusConnection"), (f.Setting("name"), f.Setting("connection"))));
    }

    [Fact]
    public void TimerFunctions_RecoverStalledWorkRunConsoleWorkAndRunScheduledJobs_OnSixFieldSchedules()
    {
        var timers = FunctionFolders.All.Where(f => f.TriggerType == "timerTrigger").ToList();

        Assert.Equal(["RecoverStalledWork", "RunConsoleWork", "RunScheduledJobs"], timers.Select(t => t.Name));
        Assert.All(timers, t => Assert.Equal(6, t.Setting("schedule").Split(' ').Length));
        Assert.All(timers, t => Assert.Equal("timer", t.Setting("name")));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>A concrete path for every endpoint the public can reach (parameters filled in), plus the SOAP branch.</summary>
    /// <summary>
    /// Endpoints MapRazorComponents adds for Blazor's enhanced navigation script, which the console does not load (it is
    /// static SSR with plain links and forms): nothing calls them, and no gateway needs to forward them.
    /// </summary>
    private static readonly HashSet<string> BlazorInternal = new(["/_framework/opaque-redirect"], StringComparer.Ordinal);

    private List<string> PublicPaths()
    {
        var hostOnly = FunctionFolders.HostOnly.Select(f => "/" + f.Name).ToHashSet(StringComparer.Ordinal);
        var soap = _app.Services.GetRequiredService<IOptions<SoapOptions>>().Value.Path;
        return Endpoints().Select(e => e.Pattern).Where(p => !hostOnly.Contains(p) && !BlazorInternal.Contains(p)).Select(Sample).Append(soap).Append(soap + "/DealerService.svc").Distinct().ToList();
    }

    private IEnumerable<(string Pattern, IReadOnlyList<string> Methods)> Endpoints() =>
        ((IEndpointRouteBuilder)_app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => ("/" + e.RoutePattern.RawText!.TrimStart('/'), e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? (IReadOnlyList<string>)[]));

    private static string Sample(string pattern) =>
        "/" + string.Join('/', RoutePatternFactory.Parse(pattern).PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "x1",
        }))));

    private static TemplateMatcher Matcher(string route) => new(TemplateParser.Parse(route), []);

    private static string Resolve(string expression) =>
        expression.Replace("%Dms__ServiceBus__QueuePrefix%", new ServiceBusOptions().QueuePrefix, StringComparison.Ordinal);
}

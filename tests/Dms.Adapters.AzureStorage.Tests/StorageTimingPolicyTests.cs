using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Dms.Adapters.AzureStorage.Internal;
using Microsoft.Extensions.Logging;

namespace Dms.Adapters.AzureStorage.Tests;

/// <summary>The tail diagnostics' storage-call log: a range query is logged by its table alone, and only at Debug.</summary>
public sealed class StorageTimingPolicyTests
{
    [Fact]
    public async Task Query_AtDebug_LoggedByTable_NeverItsFilter()
    {
        var logger = new Collecting(LogLevel.Debug);
        await SendAsync(logger, "http://127.0.0.1:1/devstoreaccount1/benchdocuments()?$filter=PartitionKey%20eq%20%27D001%27");

        var line = Assert.Single(logger.Lines);
        Assert.Contains("GET query", line, StringComparison.Ordinal);
        Assert.EndsWith(": benchdocuments → 200", line, StringComparison.Ordinal);
        Assert.DoesNotContain("D001", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_BelowDebug_NothingLogged()
    {
        var logger = new Collecting(LogLevel.Information);
        await SendAsync(logger, "http://127.0.0.1:1/devstoreaccount1/benchdocuments()?$filter=PartitionKey%20eq%20%27D001%27");

        Assert.Empty(logger.Lines);
    }

    private static async Task SendAsync(ILogger<StorageTimingPolicy> logger, string uri)
    {
        var options = new Options { Transport = new HttpClientTransport(new HttpClient(new Answering())) };
        options.Retry.MaxRetries = 0;
        var pipeline = HttpPipelineBuilder.Build(options, new StorageTimingPolicy(logger));
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(new Uri(uri));
        await pipeline.SendAsync(message, CancellationToken.None);
    }

    private sealed class Options : ClientOptions;

    private sealed class Answering : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
    }

    private sealed class Collecting(LogLevel minimum) : ILogger<StorageTimingPolicy>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Lines.Add(formatter(state, exception));
            }
        }
    }
}

using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Dms.Adapters.AzureStorage.Internal;
using Microsoft.Extensions.Logging;

namespace Dms.Adapters.AzureStorage.Tests;

/// <summary>The retry log: each attempt the SDK may send again is one line (by table and outcome); final answers are not logged.</summary>
public sealed class StorageRetryLogTests
{
    private const string Batch = "http://127.0.0.1:1/devstoreaccount1/$batch";

    [Fact]
    public async Task ServerBusyThenOk_TheFirstAttemptLogged_TheRetryNot()
    {
        var lines = await SendAsync(new Answering(HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK), Batch);

        var line = Assert.Single(lines);
        Assert.Equal("Storage POST table-batch attempt 1 failed, may be sent again: $batch → 503", line);
    }

    [Fact]
    public async Task ConnectionDropped_LoggedWithTheExceptionsTypes_AndStillRetried()
    {
        var handler = new Answering(null, HttpStatusCode.OK);
        var lines = await SendAsync(handler, "http://127.0.0.1:1/devstoreaccount1/benchdocuments(PartitionKey='D001',RowKey='r')");

        Assert.Equal(["Storage POST table-write attempt 1 failed, may be sent again: benchdocuments → RequestFailedException ← HttpRequestException ← IOException"], lines);
        Assert.Equal(2, handler.Calls);
    }

    [Fact]
    public async Task CancelledByTheCaller_NothingLogged()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var logger = new Collecting();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SendAsync(new Answering(HttpStatusCode.OK), Batch, logger, cancelled.Token));
        Assert.Empty(logger.Lines);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    public async Task AnswerThatIsNotRetried_NothingLogged(HttpStatusCode status)
    {
        Assert.Empty(await SendAsync(new Answering(status), Batch));
    }

    private static async Task<List<string>> SendAsync(Answering handler, string uri, Collecting? logger = null, CancellationToken cancellationToken = default)
    {
        logger ??= new Collecting();
        var options = new Options { Transport = new HttpClientTransport(new HttpClient(handler)) };
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        var pipeline = HttpPipelineBuilder.Build(options, [], [new StorageRetryLog(logger)], new ResponseClassifier());
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Post;
        message.Request.Uri.Reset(new Uri(uri));
        await pipeline.SendAsync(message, cancellationToken);
        return logger.Lines;
    }

    private sealed class Options : ClientOptions;

    /// <summary>Answers each call with the next status in turn (null: the connection drops), the last one from then on.</summary>
    private sealed class Answering(params HttpStatusCode?[] answers) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var answer = answers[Math.Min(Calls++, answers.Length - 1)];
            return answer is { } status
                ? Task.FromResult(new HttpResponseMessage(status))
                : Task.FromException<HttpResponseMessage>(new HttpRequestException("The response ended prematurely.", new IOException("reset")));
        }
    }

    private sealed class Collecting : ILogger<StorageRetryLog>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}

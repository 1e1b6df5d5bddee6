using System.Diagnostics;
using Dms.Testing;

namespace Dms.Bench;

/// <summary>REST's side of the CSV comparison: RDRs only, as fast as the hub accepts them, and when their work was done.</summary>
internal sealed record RestRdrResult(int Sent, int Accepted, int Retries, int ServerErrors, double AcceptSeconds, double AcceptedPerSecond, bool Settled, double SettledSeconds, double SettledPerSecond);

/// <summary>
/// The like-for-like REST rate for a file of RDRs: on the CSV phase's own stack, 40 mailbox dealers of the file's kind
/// send RDRs like the file's rows over REST from 32 senders (a warm-up first, not counted). Accepted per second counts
/// 201/202 answers (committed, answered); settled per second also waits until none of the dealers' work is left
/// (<see cref="WorkDrain"/>) — the same two points the CSV phase reports for the file.
/// </summary>
internal static class RestRdrSaturation
{
    private const int Senders = 32;
    private const int DealerCount = 40;

    public static async Task<RestRdrResult> RunAsync(Stack stack, int documents, TextWriter output)
    {
        using var admin = stack.AdminClient();
        var dealers = new List<TestDealer>();
        foreach (var chunk in Enumerable.Range(0, DealerCount).Chunk(10))
        {
            dealers.AddRange(await Task.WhenAll(chunk.Select(_ => TestDealer.RegisterAsync(admin, "R" + Random.Shared.Next(100_000, 999_999), "mailbox", null, "East", "Aurora", "East-A"))));
        }

        var clients = dealers.Select(d => stack.Hub.Client(d.ApiKey)).ToList();
        try
        {
            await SendAsync(clients, 300);
            await WorkDrain.WaitAsync(stack.Azurite.ConnectionString, dealers.Select(d => d.Code).ToHashSet(StringComparer.Ordinal), TimeSpan.FromMinutes(3), output);
            var started = Stopwatch.GetTimestamp();
            var (accepted, retries, errors) = await SendAsync(clients, documents);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var (settled, _) = await WorkDrain.WaitAsync(stack.Azurite.ConnectionString, dealers.Select(d => d.Code).ToHashSet(StringComparer.Ordinal), TimeSpan.FromMinutes(10), output);
            var total = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var result = new RestRdrResult(documents, accepted, retries, errors, Math.Round(seconds, 1), Math.Round(accepted / seconds, 1), settled, Math.Round(total, 1), Math.Round(accepted / total, 1));
            output.WriteLine($"   REST, RDRs only: {accepted} accepted in {result.AcceptSeconds} s = {result.AcceptedPerSecond}/s ({retries} retries asked, {errors} server errors); their work done after {result.SettledSeconds} s = {result.SettledPerSecond}/s");
            return result;
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private static async Task<(int Accepted, int Retries, int ServerErrors)> SendAsync(List<HttpClient> clients, int documents)
    {
        var next = -1;
        var counters = new long[6];
        var (accepted, errors) = (0, 0);
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(s => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < documents)
            {
                var body = TestDocuments.Rdr(TestDocuments.NewVin(), TestDocuments.Today.AddDays(-1 - (n % 20)), $"REST-{Guid.NewGuid():N}"[..30]);
                var (status, _) = await HqBurst.SendAsync(clients[n % clients.Count], "/api/v1/retail-delivery-reports", body, counters);
                _ = status is 201 or 202 ? Interlocked.Increment(ref accepted) : status >= 500 ? Interlocked.Increment(ref errors) : 0;
            }
        })));
        return (accepted, (int)counters[5], errors);
    }
}

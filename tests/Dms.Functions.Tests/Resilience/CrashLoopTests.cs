using System.Net;

namespace Dms.Functions.Tests.Resilience;

/// <summary>
/// A delivery that kills the hub every time it runs (a crash loop): the poison guard dead-letters it after the
/// configured attempts, and the claim says so — to its dealer and to operators — instead of staying Pending.
/// </summary>
public sealed class CrashLoopTests(AzuriteFixture azurite) : IDisposable
{
    private readonly OemStub _oem = new();
    private readonly HangingEndpoint _hanging = new();

    [Fact]
    public async Task DeliveryKillsTheHubEveryAttempt_PoisonGuardDeadLetters_ClaimShowsIt()
    {
        var settings = HubSettings.Defaults(azurite.ConnectionString, "c" + Guid.NewGuid().ToString("N")[..10], _hanging.Url + "/claims", _oem.RdrUrl);
        settings["Dms:Work:Retry:MaxAttempts"] = "2";
        settings["Dms:Notifications:Retry:MaxAttempts"] = "2";
        foreach (var destination in new[] { "oem", "hq", "orders", "parts" })
        {
            settings[$"Dms:Routing:Destinations:{destination}:Retry:MaxAttempts"] = "2";
        }

        var number = "WC-LOOP-" + TestDocuments.Next();

        var hub = await HubProcess.StartAsync(settings);
        var port = hub.BaseAddress.Port;
        var dealer = await hub.CreateDealerAsync();
        string trackingId;
        using (var client = hub.Client(dealer.ApiKey))
        {
            var vin = TestDocuments.NewVin();
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostJsonAsync("/api/v1/retail-delivery-reports", TestDocuments.Rdr(vin))).StatusCode);
            using var response = await client.PostJsonAsync("/api/v1/warranty-claims", TestDocuments.Claim(vin, number: number));
            trackingId = (await response.ReadJsonAsync())["trackingId"]!.GetValue<string>();
        }

        try
        {
            // Each attempt reaches the OEM, then the process dies before it hears back: attempts 1 and 2. (Attempt 2 waits
            // for the dead process's lease and a fresh process's start, which on a loaded machine took over 30 s.)
            for (var attempt = 1; attempt <= 2; attempt++)
            {
                await Eventually.GetAsync(() => Task.FromResult(_hanging.Requests), r => r >= attempt, TimeSpan.FromSeconds(90), $"attempt {attempt} in flight");
                await hub.KillAsync();
                await hub.DisposeAsync();
                hub = await HubProcess.StartAsync(settings, port: port);
            }

            using var after = hub.Client(dealer.ApiKey);
            var claim = await Eventually.GetAsync(() => after.GetJsonAsync("/api/v1/warranty-claims/" + trackingId),
                c => c["deliveries"]![0]!["status"]!.GetValue<string>() != "Pending", TimeSpan.FromSeconds(40), "the delivery leaves Pending");

            Assert.Equal("DeadLettered", claim["deliveries"]![0]!["status"]!.GetValue<string>());
            var entry = Assert.Single(claim["timeline"]!.AsArray(), e => e!["event"]!.GetValue<string>() == "DeliveryDeadLettered")!;
            Assert.Contains("Gave up after 2 attempts", entry["details"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(2, _hanging.Requests);
            using var admin = hub.Client(HubSettings.AdminKey);
            var letters = (await admin.GetJsonAsync("/api/v1/admin/dead-letters"))["items"]!.AsArray();
            Assert.Contains(letters, l => l!["trackingId"]?.GetValue<string>() == trackingId && l["kind"]!.GetValue<string>() == "deliver");
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _oem.Dispose();
        _hanging.Dispose();
    }

    /// <summary>An OEM that takes each request and never answers, counting requests as they arrive.</summary>
    private sealed class HangingEndpoint : IDisposable
    {
        private readonly System.Net.Sockets.TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<System.Net.Sockets.TcpClient> _held = [];
        private int _requests;

        public HangingEndpoint()
        {
            _listener.Start();
            _ = AcceptAsync();
        }

        public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

        public int Requests => Volatile.Read(ref _requests);

        public void Dispose()
        {
            _listener.Stop();
            lock (_held)
            {
                _held.ForEach(c => c.Dispose());
            }
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync();
                    lock (_held)
                    {
                        _held.Add(client);
                    }

                    _ = ReadHeadersAsync(client);
                }
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }

        private async Task ReadHeadersAsync(System.Net.Sockets.TcpClient client)
        {
            var buffer = new byte[8192];
            var text = new System.Text.StringBuilder();
            try
            {
                var stream = client.GetStream();
                while (!text.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer);
                    if (read == 0)
                    {
                        return;
                    }

                    text.Append(System.Text.Encoding.ASCII.GetString(buffer, 0, read));
                }

                Interlocked.Increment(ref _requests);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                // The hub went away.
            }
        }
    }
}

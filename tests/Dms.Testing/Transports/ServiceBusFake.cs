using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace Dms.Testing.Transports;

/// <summary>
/// WireMock playing the Service Bus REST API as documented: send (<c>POST {queue}/messages</c> with BrokerProperties,
/// duplicate detection by MessageId, ScheduledEnqueueTimeUtc), peek-lock (<c>POST {queue}/messages/head?timeout=</c>:
/// 201 with BrokerProperties and Location, 204 when empty after the wait), complete (<c>DELETE</c>), unlock (<c>PUT</c>),
/// dead-lettering after MaxDeliveryCount. Every request must carry a valid SAS token or the expected bearer token.
/// Tests also play the Functions host with it: take a message, invoke the handler, settle the message.
/// </summary>
public sealed class ServiceBusFake : IDisposable
{
    public const string KeyName = "DmsSend";
    public const string BearerToken = "entra-token-for-dms-tests";
    public static readonly string Key = Convert.ToBase64String("service-bus-fake-signing-key-0123456789"u8);

    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<FakeMessage>> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<FakeMessage>> _deadLetters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _seenIds = new(StringComparer.Ordinal);
    private long _sequence;
    private int _failSends;

    public ServiceBusFake()
    {
        _server.Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher(".*")))
            .RespondWith(Response.Create().WithCallback(HandleAsync));
    }

    public string Url => _server.Url!;

    public string ConnectionString => $"Endpoint={Url}/;SharedAccessKeyName={KeyName};SharedAccessKey={Key}";

    public TimeSpan LockDuration { get; set; } = TimeSpan.FromSeconds(3);

    public int MaxDeliveryCount { get; set; } = 10;

    public TimeSpan DuplicateDetectionWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Every request, in arrival order, as the fake saw it.</summary>
    public ConcurrentQueue<ServiceBusRequest> Requests { get; } = new();

    /// <summary>The next <paramref name="count"/> sends answer 503 Service Unavailable.</summary>
    public void FailSends(int count) => Interlocked.Exchange(ref _failSends, count);

    public void CreateQueue(string name)
    {
        lock (_gate)
        {
            _queues.TryAdd(name, []);
            _deadLetters.TryAdd(name, []);
        }
    }

    /// <summary>Messages in a queue, visible or scheduled (not dead-lettered).</summary>
    public IReadOnlyList<FakeMessage> Messages(string queue)
    {
        lock (_gate)
        {
            return _queues.TryGetValue(queue, out var messages) ? messages.ToList() : [];
        }
    }

    public IReadOnlyList<FakeMessage> DeadLetters(string queue)
    {
        lock (_gate)
        {
            return _deadLetters.TryGetValue(queue, out var messages) ? messages.ToList() : [];
        }
    }

    public void RemoveDeadLetter(FakeMessage message)
    {
        lock (_gate)
        {
            _deadLetters[message.Queue].Remove(message);
        }
    }

    /// <summary>Locks the next available message the way a receiver does (the Functions host, in tests); null when none.</summary>
    public FakeMessage? TryLock(string queue)
    {
        lock (_gate)
        {
            return LockNext(queue, DateTimeOffset.UtcNow);
        }
    }

    /// <summary>Settles a locked message: removed on success, unlocked (to be delivered again) otherwise.</summary>
    public void Settle(FakeMessage message, bool success)
    {
        lock (_gate)
        {
            if (success)
            {
                _queues[message.Queue].Remove(message);
            }
            else
            {
                message.LockedUntil = null;
            }
        }
    }

    public void Dispose() => _server.Stop();

    private async Task<IResponseMessage> HandleAsync(IRequestMessage request)
    {
        var (status, response) = Authorized(request) ? await RouteAsync(request) : (401, Error(401, "InvalidSignature: The token is invalid or expired."));
        Requests.Enqueue(new ServiceBusRequest(request.Method, request.AbsolutePath, Header(request, "Authorization"), Header(request, "BrokerProperties"),
            Header(request, "Content-Type"), request.Body, status));
        response.StatusCode = status;
        return response;
    }

    private async Task<(int, ResponseMessage)> RouteAsync(IRequestMessage request)
    {
        var segments = request.AbsolutePath.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        return (request.Method, segments) switch
        {
            ("POST", [var queue, "messages"]) => Send(queue, request),
            ("POST", [var queue, "messages", "head"]) => await PeekLockAsync(queue, request),
            ("DELETE", [var queue, "messages", var id, var lockToken]) => Settle(queue, id, lockToken, complete: true),
            ("PUT", [var queue, "messages", var id, var lockToken]) => Settle(queue, id, lockToken, complete: false),
            _ => (400, Error(400, "Unsupported operation.")),
        };
    }

    private (int, ResponseMessage) Send(string queue, IRequestMessage request)
    {
        if (TakeFailure())
        {
            return (503, Error(503, "The server is busy."));
        }

        JsonObject properties;
        try
        {
            properties = Header(request, "BrokerProperties") is { } json ? JsonNode.Parse(json) as JsonObject ?? [] : [];
        }
        catch (System.Text.Json.JsonException)
        {
            return (400, Error(400, "BrokerProperties is not valid JSON."));
        }

        DateTimeOffset? scheduled = null;
        if (properties["ScheduledEnqueueTimeUtc"]?.GetValue<string>() is { } text)
        {
            if (!DateTimeOffset.TryParseExact(text, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return (400, Error(400, "ScheduledEnqueueTimeUtc is not an RFC 1123 date."));
            }

            scheduled = at;
        }

        var now = DateTimeOffset.UtcNow;
        var messageId = properties["MessageId"]?.GetValue<string>() ?? Guid.NewGuid().ToString("N");
        lock (_gate)
        {
            if (!_queues.TryGetValue(queue, out var messages))
            {
                return (404, Error(404, $"The messaging entity '{queue}' could not be found."));
            }

            if (_seenIds.TryGetValue(queue + "|" + messageId, out var seen) && now - seen < DuplicateDetectionWindow)
            {
                return (201, new ResponseMessage()); // A duplicate is accepted and silently dropped.
            }

            _seenIds[queue + "|" + messageId] = now;
            messages.Add(new FakeMessage(queue, messageId, properties["Label"]?.GetValue<string>(), request.Body ?? string.Empty, ++_sequence, now, scheduled));
        }

        return (201, new ResponseMessage());
    }

    private async Task<(int, ResponseMessage)> PeekLockAsync(string queue, IRequestMessage request)
    {
        var wait = request.Query?.TryGetValue("timeout", out var values) == true && int.TryParse(values[0], CultureInfo.InvariantCulture, out var seconds) ? seconds : 60;
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(wait);
        while (true)
        {
            FakeMessage? message;
            lock (_gate)
            {
                if (!_queues.ContainsKey(queue))
                {
                    return (404, Error(404, $"The messaging entity '{queue}' could not be found."));
                }

                message = LockNext(queue, DateTimeOffset.UtcNow);
            }

            if (message is not null)
            {
                var response = new ResponseMessage { BodyData = Body(message.Body) };
                response.AddHeader("Content-Type", "application/json; charset=utf-8");
                response.AddHeader("BrokerProperties", message.BrokerProperties().ToJsonString());
                response.AddHeader("Location", $"{Url}/{Uri.EscapeDataString(queue)}/messages/{message.SequenceNumber}/{message.LockToken}");
                return (201, response);
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                return (204, new ResponseMessage());
            }

            await Task.Delay(50);
        }
    }

    private (int, ResponseMessage) Settle(string queue, string id, string lockToken, bool complete)
    {
        lock (_gate)
        {
            if (!_queues.TryGetValue(queue, out var messages))
            {
                return (404, Error(404, $"The messaging entity '{queue}' could not be found."));
            }

            var message = messages.FirstOrDefault(m => (m.MessageId == id || m.SequenceNumber.ToString(CultureInfo.InvariantCulture) == id)
                && m.LockToken == lockToken && m.LockedUntil > DateTimeOffset.UtcNow);
            if (message is null)
            {
                return (404, Error(404, "No message was found with the specified MessageId or LockToken."));
            }

            if (complete)
            {
                messages.Remove(message);
            }
            else
            {
                message.LockedUntil = null;
            }

            return (200, new ResponseMessage());
        }
    }

    /// <summary>Caller holds the gate. Counts the delivery; past MaxDeliveryCount the message goes to the dead-letter queue.</summary>
    private FakeMessage? LockNext(string queue, DateTimeOffset now)
    {
        if (!_queues.TryGetValue(queue, out var messages))
        {
            return null;
        }

        foreach (var message in messages.OrderBy(m => m.SequenceNumber).ToList())
        {
            if ((message.ScheduledEnqueueTime ?? DateTimeOffset.MinValue) > now || message.LockedUntil > now)
            {
                continue;
            }

            message.DeliveryCount++;
            if (message.DeliveryCount > MaxDeliveryCount)
            {
                messages.Remove(message);
                message.DeadLetterReason = "MaxDeliveryCountExceeded";
                message.DeliveryCount--;
                message.LockedUntil = null;
                _deadLetters[queue].Add(message);
                continue;
            }

            message.LockToken = Guid.NewGuid().ToString();
            message.LockedUntil = now + LockDuration;
            return message;
        }

        return null;
    }

    private static bool Authorized(IRequestMessage request)
    {
        var header = Header(request, "Authorization");
        if (header == "Bearer " + BearerToken)
        {
            return true;
        }

        const string Scheme = "SharedAccessSignature ";
        if (header is null || !header.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return false;
        }

        var fields = header[Scheme.Length..].Split('&').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("sr", out var sr) || !fields.TryGetValue("sig", out var sig) || !fields.TryGetValue("se", out var se) || !fields.TryGetValue("skn", out var skn))
        {
            return false;
        }

        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.UTF8.GetBytes(sr + "\n" + se)));
        var resource = WebUtility.UrlDecode(sr);
        return skn == KeyName
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(WebUtility.UrlDecode(sig)))
            && long.TryParse(se, CultureInfo.InvariantCulture, out var expiry) && DateTimeOffset.FromUnixTimeSeconds(expiry) > DateTimeOffset.UtcNow
            && request.Url.StartsWith(resource, StringComparison.OrdinalIgnoreCase);
    }

    private bool TakeFailure()
    {
        while (true)
        {
            var left = Volatile.Read(ref _failSends);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _failSends, left - 1, left) == left)
            {
                return true;
            }
        }
    }

    private static string? Header(IRequestMessage request, string name) =>
        request.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.ToString();

    private static ResponseMessage Error(int code, string detail)
    {
        var response = new ResponseMessage { BodyData = Body($"<Error><Code>{code}</Code><Detail>{WebUtility.HtmlEncode(detail)}</Detail></Error>") };
        response.AddHeader("Content-Type", "application/xml; charset=utf-8");
        return response;
    }

    private static BodyData Body(string text) =>
        new() { BodyAsString = text, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8, DetectedBodyTypeFromContentType = BodyType.String };
}

/// <summary>One request the fake answered.</summary>
public sealed record ServiceBusRequest(string Method, string Path, string? Authorization, string? BrokerProperties, string? ContentType, string? Body, int Status);

/// <summary>A message in the fake, with the broker-side state a receiver sees.</summary>
public sealed class FakeMessage(string queue, string messageId, string? label, string body, long sequenceNumber, DateTimeOffset enqueuedTime, DateTimeOffset? scheduledEnqueueTime)
{
    public string Queue { get; } = queue;

    public string MessageId { get; } = messageId;

    public string? Label { get; } = label;

    public string Body { get; } = body;

    public long SequenceNumber { get; } = sequenceNumber;

    public DateTimeOffset EnqueuedTime { get; } = enqueuedTime;

    public DateTimeOffset? ScheduledEnqueueTime { get; } = scheduledEnqueueTime;

    public int DeliveryCount { get; set; }

    public string? LockToken { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public string? DeadLetterReason { get; set; }

    public JsonObject BrokerProperties() => new()
    {
        [nameof(DeliveryCount)] = DeliveryCount,
        ["EnqueuedSequenceNumber"] = 0,
        ["EnqueuedTimeUtc"] = EnqueuedTime.UtcDateTime.ToString("R", CultureInfo.InvariantCulture),
        [nameof(Label)] = Label,
        [nameof(LockToken)] = LockToken,
        ["LockedUntilUtc"] = LockedUntil?.UtcDateTime.ToString("R", CultureInfo.InvariantCulture),
        [nameof(MessageId)] = MessageId,
        [nameof(SequenceNumber)] = SequenceNumber,
        ["State"] = "Active",
        ["TimeToLive"] = 922337203685.47754,
    };
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dms.Hub.Common;

namespace Dms.OemSimulator;

/// <summary>
/// The order system's answer to a new order, as a chain of events seconds apart: acknowledge (an echo), accept or
/// reject with edit errors, schedule (ETA first promised), lock, build (sometimes held and released), produce with a
/// valid VIN, invoice, ship (the ETA sometimes slips; a stale estimate sometimes arrives late), deliver. Deterministic
/// per tracking ID; about half the events speak the OEM's own codes (GM for Aurora dealers, FCA for Borealis).
/// </summary>
internal static class OrderPlanner
{
    private static readonly Dictionary<string, string> Gm = new(StringComparer.Ordinal)
    {
        ["Acknowledged"] = "1100", ["Accepted"] = "2000", ["Locked"] = "3000", ["Scheduled"] = "3300", ["InProduction"] = "3400",
        ["Produced"] = "3800", ["Invoiced"] = "4150", ["InTransit"] = "4200", ["AtDealer"] = "5000", ["Cancelled"] = "9000",
        ["HoldSet:Material"] = "3500", ["HoldSet:PlantQuality"] = "3510", ["HoldReleased"] = "3590",
    };

    private static readonly Dictionary<string, string> Fca = new(StringComparer.Ordinal)
    {
        ["Acknowledged"] = "BA", ["Accepted"] = "BB", ["Rejected"] = "BE", ["Scheduled"] = "D", ["Locked"] = "DL", ["InProduction"] = "E",
        ["Produced"] = "F", ["Invoiced"] = "KZ", ["InTransit"] = "KT", ["AtDealer"] = "KZX", ["Cancelled"] = "ZA",
        ["HoldSet:Material"] = "HM", ["HoldSet:PlantQuality"] = "HQ", ["HoldReleased"] = "HR",
    };

    /// <summary>The events for one order; <paramref name="producedAt"/> is when the Produced event goes out.</summary>
    public static List<OemEvent> Lifecycle(JsonObject message, TimeSpan step, DateTimeOffset now, out DateTimeOffset producedAt)
    {
        var trackingId = message["trackingId"]!.GetValue<string>();
        var random = new Random(Seed(trackingId + "/" + message["contentVersion"]));
        var fca = message["dealer"]?["brand"]?.GetValue<string>() == "Borealis";
        var chain = new Chain(trackingId, random, fca ? ("FCA", Fca) : ("GM", Gm), step, now);
        var reference = message["oemReference"]?.GetValue<string>();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var vin = VinFor(trackingId, fca);

        chain.Add("Acknowledged", new JsonObject { ["oemOrderNumber"] = reference });
        if (random.NextDouble() < 0.1)
        {
            chain.Add("Rejected", new JsonObject
            {
                ["editErrors"] = new JsonArray(new JsonObject { ["code"] = "E215", ["field"] = "options", ["message"] = "Option combination not buildable in this plant this period." }),
            });
            producedAt = DateTimeOffset.MaxValue;
            return chain.Events;
        }

        chain.Add("Accepted", new JsonObject { ["oemOrderNumber"] = reference });
        var firstEta = Eta(today.AddDays(10), today.AddDays(14), "Plant", chain.At);
        var scheduled = new JsonObject { ["buildWeek"] = BuildWeek(today.AddDays(7)), ["plant"] = fca ? "Windsor" : "Lansing", ["eta"] = firstEta };
        if (fca)
        {
            scheduled["vin"] = vin; // FCA assigns the VIN with the firm schedule
        }

        chain.Add("Scheduled", scheduled);
        var lockFirst = random.NextDouble() >= 0.15; // sometimes the plant's "in production" overtakes the lock
        chain.Add(lockFirst ? "Locked" : "InProduction", []);
        chain.Add(lockFirst ? "InProduction" : "Locked", []);
        if (random.NextDouble() < 0.25)
        {
            var reason = random.NextDouble() < 0.5 ? "Material" : "PlantQuality";
            chain.Add("HoldSet", new JsonObject { ["hold"] = new JsonObject { ["reasonClass"] = reason, ["note"] = "Simulated hold" } }, "HoldSet:" + reason);
            chain.Add("HoldReleased", []);
        }

        var produced = new JsonObject { ["vin"] = vin };
        chain.Add("Produced", produced);
        producedAt = chain.At;
        if (random.NextDouble() < 0.1)
        {
            chain.Add("Produced", produced.DeepClone().AsObject(), key: "again"); // a duplicate the hub records once
        }

        chain.Add("Invoiced", new JsonObject { ["invoice"] = new JsonObject { ["number"] = "INV-" + trackingId[^8..], ["date"] = Date(today) } });
        var slip = random.NextDouble() < 0.35 ? random.Next(3, 13) : 0;
        chain.Add("InTransit", new JsonObject
        {
            ["carrier"] = fca ? "Jack Cooper" : "Cassens Transport",
            ["eta"] = Eta(today.AddDays(10 + slip), today.AddDays(14 + slip), "Carrier", chain.At),
        });
        if (random.NextDouble() < 0.2)
        {
            // An estimate made before the current one arrives late: the hub records it and keeps the newer.
            chain.Add("EtaUpdated", new JsonObject { ["eta"] = Eta(today.AddDays(8), today.AddDays(9), "Port", now) });
        }

        chain.Add("AtDealer", new JsonObject { ["deliveredOn"] = Date(today) });
        return chain.Events;
    }

    public static JsonObject Canonical(string type, JsonObject? data = null)
    {
        var body = data?.DeepClone().AsObject() ?? [];
        body["type"] = type;
        return body;
    }

    private static JsonObject Eta(DateOnly earliest, DateOnly latest, string source, DateTimeOffset setAt) => new()
    {
        ["earliest"] = Date(earliest), ["latest"] = Date(latest), ["source"] = source,
        ["setAt"] = setAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
    };

    /// <summary>A valid VIN (check digit) unique to the order: brand WMI, then characters drawn from its tracking ID.</summary>
    private static string VinFor(string trackingId, bool fca)
    {
        const string Alphabet = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(trackingId));
        var serial = string.Concat(hash.Take(8).Select(b => Alphabet[b % Alphabet.Length]));
        return Vin.WithCheckDigit((fca ? "2C4" : "1G1") + "RV0" + serial[..2] + "0TL" + serial[2..]);
    }

    private static string BuildWeek(DateOnly day) =>
        $"{ISOWeek.GetYear(day.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(day.ToDateTime(TimeOnly.MinValue)):D2}";

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int Seed(string text) => BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0);

    /// <summary>Events one step apart (with jitter); each in canonical form or, half the time, in the OEM's code.</summary>
    private sealed class Chain(string trackingId, Random random, (string Scheme, Dictionary<string, string> Codes) oem, TimeSpan step, DateTimeOffset start)
    {
        public List<OemEvent> Events { get; } = [];

        public DateTimeOffset At { get; private set; } = start;

        public void Add(string type, JsonObject data, string? codeKey = null, string? key = null)
        {
            var after = step * (0.6 + (random.NextDouble() * 0.8));
            At += after;
            var body = data.DeepClone().AsObject();
            body["occurredAt"] = At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            if (random.NextDouble() < 0.5 && oem.Codes.TryGetValue(codeKey ?? type, out var code))
            {
                body["oemCode"] = new JsonObject { ["scheme"] = oem.Scheme, ["code"] = code };
            }
            else
            {
                body["type"] = type;
            }

            Events.Add(new OemEvent(after, $"{trackingId}:{type}:{key ?? Events.Count.ToString(CultureInfo.InvariantCulture)}", body));
        }
    }
}

using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Dms.Hub.Insights;

namespace Dms.Adapters.AzureStorage.Internal.Insights;

/// <summary>
/// Counter rows in the one <c>c</c> partition: <c>{h|d|w|g}|{scope}|{type}|{bucket}</c> for everything, regions and
/// districts (one scope over a range is one key range), and time first for dealers — <c>D|{day}|{dealer}|{type}</c>,
/// weeks <c>W|{monday}|{dealer}|{type}</c>, four weeks <c>Q|{monday}|{dealer}|{type}</c>, gauges <c>G|{dealer}|{type}</c>, health rows <c>H|{monday}|{dealer}</c> —
/// because dealers are read all at once (the dealer list); failure groups <c>F|{code}|{stage}|{destination}|{region}|{type}|{day}</c>,
/// read all at once by the Failures page. One Int64 column per metric: <c>m</c> + the metric with
/// every character outside [A-Za-z0-9] written as <c>_xx</c>.
/// </summary>
internal static class CounterRows
{
    public const string Partition = "c";
    public const string ReceiptPrefix = "~r|";
    public const string ReceiptEnd = "~r|~";

    public const string DealerDayPrefix = "D|";
    public const string DealerWeekPrefix = "W|";
    public const string DealerFourWeeksPrefix = "Q|";
    public const string DealerHealthPrefix = "H|";
    public const string DealerGaugePrefix = "G|";
    public const string FailurePrefix = "F|";

    /// <summary>The characters <see cref="Escape"/> writes as %xx besides control characters.</summary>
    private static readonly System.Buffers.SearchValues<char> Escaped = System.Buffers.SearchValues.Create("/\\#?%|");

    /// <summary>The column of <see cref="DistrictDealerRows.Full"/>.</summary>
    private static readonly string FullColumn = Column(DistrictDealerRows.Full);

    public static string RowKey(CounterKey key) => key.Scope.Key.StartsWith(FailureTally.ScopePrefix, StringComparison.Ordinal)
        ? $"{FailurePrefix}{key.Scope.Key[FailureTally.ScopePrefix.Length..]}|{Escape(key.DocumentType)}|{Bucket(CounterGrain.Day, key.Bucket)}"
        : key.Scope.DealerCode is { } dealer
        ? key switch
        {
            { Grain: CounterGrain.Gauge } => $"{DealerGaugePrefix}{dealer}|{Escape(key.DocumentType)}",
            { Grain: CounterGrain.Week, DocumentType: FactsDiff.AllTypes } => $"{DealerHealthPrefix}{Bucket(CounterGrain.Week, key.Bucket)}|{dealer}",
            { Grain: CounterGrain.Week } => $"{DealerWeekPrefix}{Bucket(CounterGrain.Week, key.Bucket)}|{dealer}|{Escape(key.DocumentType)}",
            { Grain: CounterGrain.FourWeeks } => $"{DealerFourWeeksPrefix}{Bucket(CounterGrain.FourWeeks, key.Bucket)}|{dealer}|{Escape(key.DocumentType)}",
            _ => $"{DealerDayPrefix}{Bucket(CounterGrain.Day, key.Bucket)}|{dealer}|{Escape(key.DocumentType)}",
        }
        : Prefix(key.Scope, key.Grain, key.DocumentType) + Bucket(key.Grain, key.Bucket);

    /// <summary>
    /// A district's dealers' row (<see cref="DistrictDealerRows"/>) as it may be stored: past
    /// <see cref="DistrictDealerRows.MaxColumns"/> columns (Azure refuses more than 252) it keeps only the
    /// <see cref="DistrictDealerRows.Full"/> mark, and once marked it takes no more deltas — pages then read the dealers' own rows.
    /// </summary>
    public static TableEntity Capped(TableEntity entity)
    {
        if (entity.RowKey.Length > 4 && entity.RowKey.AsSpan(1).StartsWith("|k:", StringComparison.Ordinal)
            && entity.Keys.Count(k => Metric(k) is not null) > DistrictDealerRows.MaxColumns)
        {
            foreach (var column in entity.Keys.Where(k => Metric(k) is not null).ToList())
            {
                entity.Remove(column);
            }

            entity[FullColumn] = 1L;
        }

        return entity;
    }

    /// <summary>True when a district's dealers' row outgrew its columns (<see cref="Capped"/>): deltas leave it as it is.</summary>
    public static bool IsFull(TableEntity? entity) => entity is not null && entity.ContainsKey(FullColumn);

    /// <summary>Reads a failure tally row's key back (<see cref="FailureTally"/>).</summary>
    public static CounterKey ParseFailureKey(string rowKey)
    {
        var parts = rowKey.Split('|');
        return new CounterKey(new CounterScope(FailureTally.ScopePrefix + string.Join('|', parts[1..5])), CounterGrain.Day, Unescape(parts[5]), Day(parts[6]));
    }

    /// <summary>Reads a dealer row's key back.</summary>
    public static CounterKey ParseDealerKey(string rowKey)
    {
        var parts = rowKey.Split('|');
        return (parts[0] + "|") switch
        {
            DealerGaugePrefix => new CounterKey(CounterScope.ForDealer(parts[1]), CounterGrain.Gauge, Unescape(parts[2]), DateTimeOffset.MinValue),
            DealerHealthPrefix => new CounterKey(CounterScope.ForDealer(parts[2]), CounterGrain.Week, FactsDiff.AllTypes, Day(parts[1])),
            DealerWeekPrefix => new CounterKey(CounterScope.ForDealer(parts[2]), CounterGrain.Week, Unescape(parts[3]), Day(parts[1])),
            DealerFourWeeksPrefix => new CounterKey(CounterScope.ForDealer(parts[2]), CounterGrain.FourWeeks, Unescape(parts[3]), Day(parts[1])),
            _ => new CounterKey(CounterScope.ForDealer(parts[2]), CounterGrain.Day, Unescape(parts[3]), Day(parts[1])),
        };
    }

    private static DateTimeOffset Day(string text) =>
        new(DateTime.ParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal), TimeSpan.Zero);

    public static string Prefix(CounterScope scope, CounterGrain grain, string documentType) =>
        $"{Grain(grain)}|{Escape(scope.Key)}|{Escape(documentType)}|";

    /// <summary>Where one scope's gauge rows (every document type's) start; they end before this + <c>~</c>.</summary>
    public static string GaugesOf(CounterScope scope) => $"{Grain(CounterGrain.Gauge)}|{Escape(scope.Key)}|";

    public static string Bucket(CounterGrain grain, DateTimeOffset at) => grain switch
    {
        CounterGrain.Hour => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture),
        CounterGrain.Day or CounterGrain.Week or CounterGrain.FourWeeks => at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
        _ => "-",
    };

    public static string ReceiptKey(string trackingId) => ReceiptPrefix + trackingId;

    public static string Column(string metric)
    {
        var text = new StringBuilder("m", metric.Length + 8);
        foreach (var c in metric)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                text.Append(c);
            }
            else if (c < 256)
            {
                text.Append('_').Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append("__").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    public static string? Metric(string column)
    {
        if (column.Length < 2 || column[0] != 'm' || (!char.IsAsciiLetterOrDigit(column[1]) && column[1] != '_'))
        {
            return null;
        }

        var text = new StringBuilder(column.Length);
        for (var i = 1; i < column.Length; i++)
        {
            if (column[i] != '_')
            {
                text.Append(column[i]);
            }
            else if (i + 1 < column.Length && column[i + 1] == '_' && i + 5 < column.Length)
            {
                text.Append((char)int.Parse(column.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 5;
            }
            else if (i + 2 < column.Length)
            {
                text.Append((char)int.Parse(column.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
        }

        return text.ToString();
    }

    public static Dictionary<string, long> Values(TableEntity entity)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, value) in entity)
        {
            if (value is long number && Metric(name) is { } metric)
            {
                values[metric] = number;
            }
        }

        return values;
    }

    private static string Grain(CounterGrain grain) => grain switch
    {
        CounterGrain.Hour => "h",
        CounterGrain.Day => "d",
        CounterGrain.Week => "w",
        CounterGrain.FourWeeks => "q",
        _ => "g",
    };

    private static string Unescape(string value) => Uri.UnescapeDataString(value);

    /// <summary>Row keys may not hold / \ # ? or control characters; scopes are free text (region names).</summary>
    /// <remarks>
    /// Nearly every value (document types, dealer scopes) needs no escaping and is returned as it is. The conditional
    /// that appended a string or a char here made both an object: a boxed char and its string per character, 2.3 % of
    /// the hub's allocated bytes while the projector ran (perf13).
    /// </remarks>
    internal static string Escape(string value)
    {
        if (!value.AsSpan().ContainsAny(Escaped) && !value.AsSpan().ContainsAnyInRange('\0', '\x1f') && !value.AsSpan().ContainsAnyInRange('\x7f', '\x9f'))
        {
            return value;
        }

        var text = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' or '|' || char.IsControl(c))
            {
                text.Append('%').Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}

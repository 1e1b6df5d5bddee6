using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dms.Console.Internal;

/// <summary>
/// A chart as data: rendered server-side into a <c>data-chart</c> attribute that console.js hands to Chart.js, and
/// into a plain table beside it (screen readers, no script).
/// </summary>
public sealed record ChartData(string Kind, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series, bool Stacked = false, string? YTitle = null, bool Logarithmic = false)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public bool HasData => Series.Any(s => s.Values.Any(v => v != 0));

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <param name="Color">A CSS colour; outcomes keep one colour everywhere.</param>
/// <param name="Line">Drawn as a line over the bars (totals).</param>
public sealed record ChartSeries(string Label, IReadOnlyList<double> Values, string Color, bool Line = false);

namespace Dms.Bench;

/// <summary>
/// One quarter of a file's rows, from its 15 s progress windows: rows per second, Azurite's and the hub's CPU per row.
/// The file's rate falls as the store grows (Azurite's LokiJS updates and deletes cost time proportional to their
/// table's size), so the whole file's rate alone hides where it is lost.
/// </summary>
internal sealed record CsvQuarter(int FromRow, int ToRow, double RowsPerSecond, double AzuriteMsPerRow, double HubMsPerRow)
{
    /// <summary>A progress window's end: when, rows imported so far, and the two processes' CPU so far.</summary>
    public readonly record struct Mark(long At, int Imported, double HubCpuSeconds, double AzuriteCpuSeconds);

    /// <summary>
    /// Four quarters of <paramref name="rows"/>, each from the window after the last quarter's end to the first window
    /// that reaches its own (windows do not split: a quarter's edges are window edges).
    /// </summary>
    public static IReadOnlyList<CsvQuarter> From(IReadOnlyList<Mark> marks, int rows)
    {
        var quarters = new List<CsvQuarter>();
        var start = 0;
        for (var k = 1; k <= 4 && start < marks.Count - 1; k++)
        {
            var end = Enumerable.Range(start + 1, marks.Count - start - 1).FirstOrDefault(i => marks[i].Imported >= rows * k / 4, marks.Count - 1);
            var (a, b) = (marks[start], marks[end]);
            var n = b.Imported - a.Imported;
            if (n > 0)
            {
                var seconds = (b.At - a.At) / (double)System.Diagnostics.Stopwatch.Frequency;
                quarters.Add(new CsvQuarter(a.Imported, b.Imported, Math.Round(n / seconds, 1),
                    Math.Round((b.AzuriteCpuSeconds - a.AzuriteCpuSeconds) * 1000 / n, 2), Math.Round((b.HubCpuSeconds - a.HubCpuSeconds) * 1000 / n, 2)));
            }

            start = end;
        }

        return quarters;
    }
}

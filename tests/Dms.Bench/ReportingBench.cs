using System.Globalization;
using System.Text.Json;
using Dms.DealerSimulator;
using Dms.Testing;

namespace Dms.Bench;

/// <summary>
/// The sales-reporting phases of <c>./dms bench</c> (issue 12): a large CSV file of RDRs against the REST saturation
/// rate of the same run, and HQ figures over a million stored RDRs with a burst recount. Hooked into
/// <see cref="Benchmark"/> with one call; writes its own <c>reporting.json</c> and appends its section to the report.
/// Sizes: <c>--csv-rows</c> (100,000), <c>--hq-rdrs</c> (1,000,000), <c>--burst-rdrs</c> (10,000), <c>--burst-dealers</c> (50).
/// </summary>
internal static class ReportingBench
{
    /// <param name="restAcceptedPerSecond">The mixed REST saturation rate of this run, when the REST phases ran.</param>
    /// <param name="csv">Whether to run the CSV phase.</param>
    /// <param name="hq">Whether to run the HQ phase.</param>
    public static async Task<ReportingResult> RunAsync(double? restAcceptedPerSecond, bool csv, bool hq, TextWriter output)
    {
        var options = ReportingBenchOptions.FromArgs(Environment.GetCommandLineArgs());
        CsvResult? file = null;
        if (csv)
        {
            output.WriteLine($"== CSV: files of RDRs ({options.CsvRows} rows) through the batch channel");
            file = await CsvPhase.RunAsync(options.CsvRows, restAcceptedPerSecond, TimeSpan.FromSeconds(options.CsvBudgetSeconds), output);
        }

        HqResult? figures = null;
        if (hq)
        {
            output.WriteLine($"== HQ: {options.HqRdrs} RDRs stored, breakdowns timed, then a burst of {options.BurstRdrs} from {options.BurstDealers} dealers and a recount");
            figures = await HqPhase.RunAsync(options, output);
        }

        var result = new ReportingResult(Machine.Describe(), options, file, figures);
        var folder = Path.Combine(RepoRoot.Path, "artifacts", "bench");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "reporting.json"), JsonSerializer.Serialize(result, SimulationJson.Options));
        return result;
    }

    /// <summary>A run of some phases only: its own report beside the full one (<c>reporting-csv.md</c>, <c>reporting-hq.md</c> ...).</summary>
    public static async Task<bool> WriteAsync(string folder, IReadOnlySet<string> phases, ReportingResult result, TextWriter output)
    {
        var name = "reporting-" + string.Join('-', phases.Order(StringComparer.Ordinal));
        var markdown = ReportingReport.Header(result) + ReportingReport.Markdown(result);
        await File.WriteAllTextAsync(Path.Combine(folder, name + ".json"), JsonSerializer.Serialize(result, SimulationJson.Options));
        await File.WriteAllTextAsync(Path.Combine(folder, name + ".md"), markdown);
        output.WriteLine();
        output.WriteLine(markdown);
        output.WriteLine($"Report written to {Path.Combine(folder, name + ".md")} and .json");
        return result.Passed;
    }
}

/// <param name="CsvBudgetSeconds">How long the CSV phase may take (<c>--csv-budget</c>, 0: no limit); see <see cref="CsvPhase.RunAsync"/>.</param>
internal sealed record ReportingBenchOptions(int CsvRows, int HqRdrs, int BurstRdrs, int BurstDealers, int CsvBudgetSeconds)
{
    public static ReportingBenchOptions FromArgs(string[] args)
    {
        int Option(string name, int fallback)
        {
            var index = Array.IndexOf(args, "--" + name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new ReportingBenchOptions(Option("csv-rows", 100_000), Option("hq-rdrs", 1_000_000), Option("burst-rdrs", 10_000), Option("burst-dealers", 50), Option("csv-budget", 0));
    }
}

internal sealed record ReportingResult(System.Text.Json.Nodes.JsonObject Machine, ReportingBenchOptions Options, CsvResult? Csv, HqResult? Hq)
{
    public bool Passed => (Csv?.Passed ?? true) && (Hq?.Passed ?? true);
}

using System.Globalization;
using Dms.Bench;

// ./dms bench [--documents N] [--phases rest,csv,hq] [--csv-rows N] [--hq-rdrs N] [--burst-rdrs N] [--burst-dealers N]
//     the standard benchmark; writes artifacts/bench/report.md and report.json (a run of some phases only:
//     artifacts/bench/reporting-{phases}.md and .json)
//     (--no-reporting is --phases rest: issue 14's phases without the sales-reporting ones)
// ./dms bench --phases latency [--rate R] [--documents N] [--preload P]   only the steady phase (warm-up, start-up
//     window, P documents as fast as accepted (4,500: the full bench's earlier phases) and settled, then N documents at
//     R/s; defaults 53 and 2000): every acknowledgement and a per-second timeline, artifacts/bench/latency.md
// ./dms bench --phases backlog [--rate R]   only the backlog phase (OEM down for 30 s of documents at R/s, then back)
// ./dms bench --phase console [--console-documents N] [--console-pages a,b]   only the console pages over N stored
//     documents (1,000,000) — or only the pages whose names contain a or b; writes artifacts/bench/console.md and .json
//     [--console-wait-file F]: after seeding, wait until file F exists before timing any page (seed while the machine
//     is shared, time the pages once it is quiet)
//     [--console-rounds R]: time the pages R times over the one store, each round after its own wait file; a wait file
//     naming another checkout (its Release build) restarts the hub from it first: before and after over one seeding
// ./dms bench --phase rebuild [--console-documents N]   the read-model rebuild over N seeded documents (50,000),
//     compared with the seeded read model, then stopped halfway and resumed; artifacts/bench/rebuild.md
// ./dms chaos SCENARIO [--documents N] [--outage-seconds S] [--rate R] [--saturation-documents N]
//     one fault scenario with reconciliation; exit code 1 on loss or duplicate effect. oem-outage keeps a steady load
//     of R documents/s (default 20) through an outage of S seconds (default 60); its documents default to R × (S + 60);
//     after the reconciliation it measures saturation on the same stack with N documents (default 3000, as ./dms bench's saturation phase; 0: skip).
// ./dms parts-bench [--parts N] [--dealers N] [--dealer-parts N]   suggested stock order timings; artifacts/bench/parts-suggestions.md
var command = args.FirstOrDefault();
var usage = $"usage: Dms.Bench bench [--documents N] [--phases rest,csv,hq|latency|backlog] [--rate R] [--preload P] [--no-reporting] [--csv-rows N] [--csv-budget S] [--hq-rdrs N] [--burst-rdrs N] [--burst-dealers N] | bench --phase console [--console-documents N] [--console-pages a,b] [--console-wait-file F] [--console-rounds R] | bench --phase rebuild [--console-documents N] | parts-suggestions [--parts N] [--dealers N] [--dealer-parts N] | chaos {{{string.Join('|', Chaos.Scenarios)}}} [--documents N] [--outage-seconds S] [--rate R] [--saturation-documents N]";
string[] known = ["preload", "documents", "phases", "no-reporting", "csv-rows", "csv-budget", "hq-rdrs", "burst-rdrs", "burst-dealers", "phase", "console-documents", "console-pages", "console-wait-file", "console-rounds", "parts", "dealers", "dealer-parts", "outage-seconds", "rate", "saturation-documents"];

// A run holds the machine for minutes, so a mistyped option (or --help) must not start one with the defaults.
if (args.FirstOrDefault(a => a.StartsWith('-') && !known.Contains(a.TrimStart('-'))) is { } unknown)
{
    Console.Error.WriteLine(unknown is "--help" or "-h" ? usage : $"unknown option {unknown}\n{usage}");
    return unknown is "--help" or "-h" ? 0 : 2;
}

double Option(string name, double fallback)
{
    var index = Array.IndexOf(args, "--" + name);
    return index >= 0 && index + 1 < args.Length ? double.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

string Text(string name, string fallback)
{
    var index = Array.IndexOf(args, "--" + name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

switch (command)
{
    case "bench" when args.Contains("--phase") && args.SkipWhile(a => a != "--phase").Skip(1).FirstOrDefault() == "rebuild":
        return await RebuildBench.RunAsync((int)Option("console-documents", 50_000), Console.Out) ? 0 : 1;
    case "bench" when args.Contains("--phase") && args.SkipWhile(a => a != "--phase").Skip(1).FirstOrDefault() == "console":
        var only = Text("console-pages", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (await ConsolePhase.RunAsync((int)Option("console-documents", 1_000_000), only, Text("console-wait-file", ""), (int)Option("console-rounds", 1), Console.Out)).Passed ? 0 : 1;
    case "bench" when Text("phases", "") == "latency":
        return await LatencyPhase.RunAsync(Option("rate", 53), (int)Option("documents", 2000), (int)Option("preload", 4500), Console.Out);
    case "bench" when Text("phases", "") == "backlog":
        return await LatencyPhase.BacklogAsync(Option("rate", 53), Console.Out);
    case "bench":
        var phases = Text("phases", args.Contains("--no-reporting") ? "rest" : "rest,csv,hq").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        if (phases.Count == 0 || !phases.IsSubsetOf(["rest", "csv", "hq"]))
        {
            Console.Error.WriteLine("--phases takes a comma-separated list of rest, csv, hq");
            return 2;
        }

        return await Benchmark.RunAsync((int)Option("documents", 3000), phases, Console.Out);
    case "parts-suggestions":
        return await PartsSuggestionBench.RunAsync((int)Option("parts", 50_000), (int)Option("dealers", 500), (int)Option("dealer-parts", 2_000), Console.Out);
    case "chaos" when args.Length > 1 && Chaos.Scenarios.Contains(args[1]):
        var outage = (int)Option("outage-seconds", 60);
        var rate = Option("rate", args[1] == "oem-outage" ? 20 : 0);
        var documents = (int)Option("documents", args[1] == "oem-outage" ? rate * (outage + 60) : 2000);
        var saturationDocuments = (int)Option("saturation-documents", args[1] == "oem-outage" ? 3000 : 0);
        return await Chaos.RunAsync(new ChaosOptions(args[1], documents, outage, rate, saturationDocuments), Console.Out);
    default:
        Console.Error.WriteLine(usage);
        return 2;
}

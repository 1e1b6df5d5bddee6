using System.Globalization;
using Dms.Bench;

// ./dms bench [--documents N] [--no-reporting]   the standard benchmark; writes artifacts/bench/report.md and report.json
//     (--no-reporting: without the sales-reporting phases of issue 12)
// ./dms chaos SCENARIO [--documents N] [--outage-seconds S] [--rate R]
//     one fault scenario with reconciliation; exit code 1 on loss or duplicate effect. oem-outage keeps a steady load
//     of R documents/s (default 20) through an outage of S seconds (default 60); its documents default to R × (S + 60).
// ./dms parts-bench [--parts N] [--dealers N] [--dealer-parts N]   suggested stock order timings; artifacts/bench/parts-suggestions.md
var command = args.FirstOrDefault();
double Option(string name, double fallback)
{
    var index = Array.IndexOf(args, "--" + name);
    return index >= 0 && index + 1 < args.Length ? double.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

switch (command)
{
    case "bench":
        return await Benchmark.RunAsync((int)Option("documents", 3000), Console.Out);
    case "parts-suggestions":
        return await PartsSuggestionBench.RunAsync((int)Option("parts", 50_000), (int)Option("dealers", 500), (int)Option("dealer-parts", 2_000), Console.Out);
    case "chaos" when args.Length > 1 && Chaos.Scenarios.Contains(args[1]):
        var outage = (int)Option("outage-seconds", 60);
        var rate = Option("rate", args[1] == "oem-outage" ? 20 : 0);
        var documents = (int)Option("documents", args[1] == "oem-outage" ? rate * (outage + 60) : 2000);
        return await Chaos.RunAsync(new ChaosOptions(args[1], documents, outage, rate), Console.Out);
    default:
        Console.Error.WriteLine($"usage: Dms.Bench bench [--documents N] | parts-suggestions [--parts N] [--dealers N] [--dealer-parts N] | chaos {{{string.Join('|', Chaos.Scenarios)}}} [--documents N] [--outage-seconds S] [--rate R]");
        return 2;
}

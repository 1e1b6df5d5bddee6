using System.Globalization;
using Dms.Bench;

// ./dms bench [--documents N]          the standard benchmark; writes artifacts/bench/report.md and report.json
// ./dms chaos SCENARIO [--documents N] one fault scenario with reconciliation; exit code 1 on loss or duplicate effect
// ./dms parts-bench [--parts N] [--dealers N] [--dealer-parts N]   suggested stock order timings; artifacts/bench/parts-suggestions.md
var command = args.FirstOrDefault();
int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, "--" + name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

switch (command)
{
    case "bench":
        return await Benchmark.RunAsync(Option("documents", 3000), Console.Out);
    case "parts-suggestions":
        return await PartsSuggestionBench.RunAsync(Option("parts", 50_000), Option("dealers", 500), Option("dealer-parts", 2_000), Console.Out);
    case "chaos" when args.Length > 1 && Chaos.Scenarios.Contains(args[1]):
        return await Chaos.RunAsync(args[1], Option("documents", 2000), Option("outage-seconds", 60), Console.Out);
    default:
        Console.Error.WriteLine($"usage: Dms.Bench bench [--documents N] | parts-suggestions [--parts N] [--dealers N] [--dealer-parts N] | chaos {{{string.Join('|', Chaos.Scenarios)}}} [--documents N] [--outage-seconds S]");
        return 2;
}

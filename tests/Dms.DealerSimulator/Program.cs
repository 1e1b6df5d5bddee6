using System.Text.Json;
using Dms.DealerSimulator;

// Drives a running hub with a fleet of simulated dealers, e.g. against ./dms run:
//   dotnet tests/Dms.DealerSimulator/bin/Release/net10.0/Dms.DealerSimulator.dll --Documents 2000 --Rate 100
// Every SimulationOptions property can be given as --Name value. Exit code 1 when any error was counted.
var options = new ConfigurationBuilder().AddCommandLine(args).Build().Get<SimulationOptions>() ?? new SimulationOptions();
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

await using var simulation = new Simulation(options, Console.Out);
var result = await simulation.RunAsync(cancel.Token);
var json = JsonSerializer.Serialize(result, SimulationJson.Options);
Console.WriteLine(json);
if (options.Output is { } path)
{
    await File.WriteAllTextAsync(path, json);
}

return result.ErrorsByKind.Count == 0 ? 0 : 1;

using System.Text.Json;

namespace Dms.DealerSimulator;

/// <summary>How results are written: camelCase, indented.</summary>
public static class SimulationJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}

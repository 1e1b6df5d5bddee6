namespace Dms.Bench;

/// <summary>One chaos run: the scenario, how many documents, and for oem-outage how long the OEM is down under what load.</summary>
/// <param name="Rate">Documents per second (0: as fast as the hub accepts).</param>
/// <param name="SaturationDocuments">oem-outage: documents of a saturation phase on the same stack after the run, the drain's yardstick (0: none).</param>
internal sealed record ChaosOptions(string Scenario, int Documents, int OutageSeconds, double Rate, int SaturationDocuments = 0);

namespace Dms.Functions.Tests.Batches;

/// <summary>A hub with small batch limits: 256 KiB files, 8 KiB records, slices of 7 documents (so files span several slices).</summary>
public sealed class BatchFixture(AzuriteFixture azurite) : HubFixture(azurite)
{
    public const int MaxFileBytes = 256 * 1024;

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Dms:Batches:MaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Dms:Batches:SliceDocuments"] = "7";
        settings["Dms:Batches:ImportSliceDocuments"] = "7";
        settings["Dms:Batches:Parallelism"] = "4";
        settings["Dms:Csv:MaxRecordBytes"] = "8192";
    }
}

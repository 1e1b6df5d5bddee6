namespace Dms.Hub.Sales;

/// <summary>Which rollup shard a document's contribution lives in: a stable hash of its tracking ID.</summary>
public static class SalesShards
{
    public static int Of(string trackingId, int count)
    {
        // FNV-1a: stable across processes and versions (string.GetHashCode is randomised per process).
        var hash = 2166136261u;
        foreach (var c in trackingId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)count);
    }
}

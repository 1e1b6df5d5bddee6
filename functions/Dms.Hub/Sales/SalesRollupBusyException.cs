namespace Dms.Hub.Sales;

/// <summary>A rollup shard kept changing under every attempt (other instances writing); the effect is retried later.</summary>
public sealed class SalesRollupBusyException : Exception
{
    public SalesRollupBusyException()
    {
    }

    public SalesRollupBusyException(string message)
        : base(message)
    {
    }

    public SalesRollupBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

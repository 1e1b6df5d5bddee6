namespace Dms.Hub.Work;

/// <summary>
/// How long a background sweep (the work recovery sweep, the projector's scan of the change feed) waits before it
/// runs again: its interval, but never less than <see cref="DutyShare"/> − 1 times what the last run took, so a sweep
/// takes at most one part in <see cref="DutyShare"/> of the time.
/// </summary>
/// <remarks>
/// Why: a sweep is a range query, which Azure answers from its index in milliseconds but Azurite by scanning the whole
/// documents table — seconds over a million stored RDRs. At a fixed interval the sweeps alone then kept Azurite busy;
/// each look ran into the request timeout and was sent again, and intake, leases and completions queued behind them.
/// Where storage is fast nothing changes; where it is slow the safety net comes round less often instead of taking
/// storage over.
/// </remarks>
public static class SweepPacing
{
    public const int DutyShare = 10;

    public static TimeSpan Next(TimeSpan interval, TimeSpan took) => took * (DutyShare - 1) > interval ? took * (DutyShare - 1) : interval;
}

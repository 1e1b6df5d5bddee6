namespace Dms.Hub.Work;

public static class WorkKinds
{
    public const string Route = "route";
    public const string Deliver = "deliver";
    public const string Notify = "notify";

    /// <summary>A cross-document effect: fire a trigger on another document about the same vehicle.</summary>
    public const string Effect = "effect";

    /// <summary>A durable timer: re-evaluate one alert rule on one document when it comes due.</summary>
    public const string Timer = "timer";
}

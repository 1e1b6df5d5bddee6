namespace Dms.Hub.Work;

public static class WorkKinds
{
    public const string Route = "route";
    public const string Deliver = "deliver";
    public const string Notify = "notify";
}

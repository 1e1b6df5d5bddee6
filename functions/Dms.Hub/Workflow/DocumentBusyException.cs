namespace Dms.Hub.Workflow;

/// <summary>A document kept changing under us for every retry; the caller should try again shortly (HTTP 503).</summary>
public sealed class DocumentBusyException : Exception
{
    public DocumentBusyException()
        : base("The document is being changed concurrently; try again.")
    {
    }

    public DocumentBusyException(string message)
        : base(message)
    {
    }

    public DocumentBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

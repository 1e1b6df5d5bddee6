namespace Dms.Hub.Services;

/// <summary>
/// A dealer operation outside the document registry — a stock snapshot, a suggested stock order, its confirmation.
/// It is declared once, with its request and reply schemas, and every channel serves it from this declaration: REST
/// maps <c>POST /api/v1{Route}</c>, SOAP generates an operation named <see cref="Name"/> with typed request and reply
/// (a CSV channel can key its files on <see cref="Name"/> the same way). The request body is checked against
/// <see cref="RequestSchema"/> before <see cref="HandleAsync"/> sees it.
/// </summary>
public abstract class DealerService
{
    /// <summary>The operation's name on message channels: a verb and what it acts on (<c>SubmitPartsInventory</c>).</summary>
    public abstract string Name { get; }

    /// <summary>One sentence: what the operation does.</summary>
    public abstract string Summary { get; }

    /// <summary>What it answers, and the codes it refuses with (REST's description, the WSDL's documentation).</summary>
    public abstract string Description { get; }

    /// <summary>The REST path under <c>/api/v1</c>; a <c>{name}</c> segment is the parameter of that name.</summary>
    public abstract string Route { get; }

    /// <summary>The group it is listed under (the OpenAPI tag).</summary>
    public abstract string Tag { get; }

    /// <summary>Values that name what the request is about (REST path segments, SOAP elements before the body).</summary>
    public virtual IReadOnlyList<ServiceParameter> Parameters => [];

    public abstract string RequestSchema { get; }

    /// <summary>Whether a request must carry a body; without one the handler gets <c>{}</c> (every field optional).</summary>
    public virtual bool BodyRequired => true;

    /// <summary>The schema of <see cref="ServiceResult.Reply"/> when the request is done.</summary>
    public abstract string ReplySchema { get; }

    /// <summary>
    /// Whether the service reads and checks the body itself (<see cref="ServiceRequest.Raw"/>) against
    /// <see cref="RequestSchema"/>, rather than as one JSON tree: a stock snapshot, read part by part to bound memory.
    /// </summary>
    public virtual bool ReadsRawBody => false;

    /// <summary>A larger body limit than a document's (a stock snapshot); null: the document limit.</summary>
    public virtual int? MaxBodyBytes => null;

    /// <summary>
    /// The body member that makes a retry safe: the same value and content is answered as before (replayed), the same
    /// value with other content is a conflict. Null when the request is safe to repeat without one (or names it by a parameter).
    /// </summary>
    public virtual string? IdempotencyMember => null;

    public abstract Task<ServiceResult> HandleAsync(ServiceRequest request, CancellationToken cancellationToken);
}

using Dms.Hub.Dealers;
using Dms.Hub.Intake;
using Dms.Hub.Validation;
using Dms.Hub.Workflow;

namespace Dms.Hub.Services;

/// <summary>Every registered dealer service, and the one way any channel runs a request to one.</summary>
public sealed class DealerServices(IEnumerable<DealerService> services, SchemaCatalog schemas)
{
    public IReadOnlyList<DealerService> All { get; } = [.. services.OrderBy(s => s.Name, StringComparer.Ordinal)];

    /// <summary>
    /// Runs a request: the body (null when none was sent) read as JSON and checked against the request schema, then
    /// the handler. Parameters are passed as given; the handler answers NotFound for one that names nothing.
    /// </summary>
    public async Task<ServiceResult> RunAsync(DealerService service, Dealer dealer, Actor actor, IReadOnlyDictionary<string, string> parameters, ReadOnlyMemory<byte>? body, CancellationToken cancellationToken)
    {
        if (body is not { } bytes)
        {
            return service.BodyRequired
                ? new ServiceResult(ServiceOutcome.Malformed, Code: ErrorCodes.MalformedJson, Message: "The request needs a body.", Title: "Malformed request")
                : await service.HandleAsync(new ServiceRequest(dealer, actor, parameters, []), cancellationToken);
        }

        if (service.ReadsRawBody)
        {
            return await service.HandleAsync(new ServiceRequest(dealer, actor, parameters, [], bytes), cancellationToken);
        }

        if (!ValidJson.TryRead(schemas, bytes, service.RequestSchema, out var node, out var failure))
        {
            return ServiceResult.From(failure);
        }

        return await service.HandleAsync(new ServiceRequest(dealer, actor, parameters, node.AsObject()), cancellationToken);
    }
}

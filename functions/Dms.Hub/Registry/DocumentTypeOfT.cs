using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Validation;

namespace Dms.Hub.Registry;

/// <summary>A registry entry backed by a typed canonical model <typeparamref name="TDocument"/> and its rules.</summary>
public abstract class DocumentType<TDocument> : DocumentType
    where TDocument : class
{
    private readonly IReadOnlyList<IRule<TDocument>> _rules;

    protected DocumentType(IEnumerable<IRule<TDocument>> rules) => _rules = rules.ToList();

    public override Type ModelType => typeof(TDocument);

    public override CanonicalDocument? Canonicalize(JsonNode body)
    {
        try
        {
            var document = body.Deserialize<TDocument>(HubJson.Options);
            return document is null ? null : Canonical(document);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public override async Task<RuleOutcome> CheckAsync(CanonicalDocument document, RuleContext context, CancellationToken cancellationToken)
    {
        var model = (TDocument)document.Model;
        var errors = new List<ValidationError>();
        foreach (var rule in _rules)
        {
            await rule.CheckAsync(model, context, errors, cancellationToken);
        }

        return new RuleOutcome(errors, ReservationsFor(model).ToList());
    }

    public TDocument ReadModel(JsonObject body) => body.Deserialize<TDocument>(HubJson.Options)!;

    public override IReadOnlyList<Reservation> ReservationsOf(JsonObject body) => ReservationsFor(ReadModel(body)).ToList();

    protected CanonicalDocument Canonical(TDocument document) =>
        new(JsonSerializer.SerializeToNode(document, HubJson.Options)!.AsObject(), NumberOf(document), document);

    protected abstract string NumberOf(TDocument document);

    protected virtual IEnumerable<Reservation> ReservationsFor(TDocument document) => [];
}

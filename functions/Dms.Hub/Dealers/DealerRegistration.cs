using System.Text.Json.Nodes;
using Dms.Hub.Registry;
using Dms.Hub.Validation;

namespace Dms.Hub.Dealers;

/// <summary>
/// A dealer as an operator registers or changes it (dealer-registration.v1), from the admin API's JSON or the
/// console's form: schema first, then the rules the schema cannot say (a pushing channel needs a callback URL, every
/// enabled document type exists).
/// </summary>
public sealed class DealerRegistration(SchemaCatalog schemas, DocumentTypeRegistry types, TimeProvider clock)
{
    public const string Schema = "dealer-registration.v1";

    /// <summary>The dealer described by <paramref name="text"/> (already parsed as <paramref name="node"/>), or why not.</summary>
    public (Dealer? Dealer, IReadOnlyList<ValidationError> Errors) Read(JsonNode node, string text)
    {
        // Nothing is read from the body before it matches its schema (a wrong type would otherwise throw).
        var errors = SchemaValidator.Validate(schemas.Get(Schema), text).ToList();
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var channel = node["notificationChannel"]?.GetValue<string>() ?? NotificationChannels.Mailbox;
        if (channel != NotificationChannels.Mailbox && node["callbackUrl"] is null)
        {
            errors.Add(new ValidationError("/callbackUrl", ErrorCodes.Required, $"A {channel} dealer needs a callback URL."));
        }

        var documentTypes = (node["documentTypes"] as JsonArray)?.Select(t => t!.GetValue<string>()).ToList() ?? [];
        errors.AddRange(documentTypes.Where(t => types.All.All(d => d.Name != t)).Select(t => new ValidationError("/documentTypes", ErrorCodes.InvalidValue, $"Unknown document type '{t}'.")));
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new Dealer
        {
            Code = node["code"]!.GetValue<string>(),
            Name = node["name"]!.GetValue<string>(),
            Region = node["region"]!.GetValue<string>(),
            District = node["district"]?.GetValue<string>(),
            Brand = node["brand"]!.GetValue<string>(),
            NotificationChannel = channel,
            CallbackUrl = node["callbackUrl"]?.GetValue<string>(),
            DocumentTypes = documentTypes,
            Stage = node["stage"]?.GetValue<string>() ?? "live",
            CreatedAt = clock.GetUtcNow(),
        }, []);
    }

    /// <summary>An existing dealer changed as <paramref name="update"/> says; what registration fixed (keys, secrets, creation) is kept.</summary>
    public static Dealer Changed(Dealer existing, Dealer update) =>
        update with { ApiKeyFingerprint = existing.ApiKeyFingerprint, SecretVersion = existing.SecretVersion, CreatedAt = existing.CreatedAt, Demo = existing.Demo };

    /// <summary>Rotates the dealer's webhook signing secret (a new derivation version); returns the dealer as stored.</summary>
    public static async Task<Dealer?> RotateWebhookSecretAsync(IDealerStore store, string code, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(code, cancellationToken) is not { } dealer)
        {
            return null;
        }

        var rotated = dealer with { SecretVersion = dealer.SecretVersion + 1 };
        await store.UpsertAsync(rotated, cancellationToken);
        return rotated;
    }
}

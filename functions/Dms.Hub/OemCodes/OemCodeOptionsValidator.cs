using Dms.Hub.Registry;
using Dms.Hub.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dms.Hub.OemCodes;

/// <summary>At start-up: every code table names known document types, and every code a canonical event (or line status) of their event schema.</summary>
internal sealed class OemCodeOptionsValidator(IServiceProvider services) : IValidateOptions<OemCodeOptions>
{
    public ValidateOptionsResult Validate(string? name, OemCodeOptions options)
    {
        var registry = services.GetRequiredService<DocumentTypeRegistry>();
        var schemas = services.GetRequiredService<SchemaCatalog>();
        var failures = new List<string>();
        foreach (var (schemeName, scheme) in options.Schemes)
        {
            foreach (var typeName in scheme.DocumentTypes)
            {
                var type = registry.All.FirstOrDefault(t => t.Name == typeName);
                if (type?.EventSchemaName is null)
                {
                    failures.Add($"Code scheme '{schemeName}' names '{typeName}', which is not a document type with OEM events.");
                    continue;
                }

                var schema = schemas.Get(type.EventSchemaName);
                var events = schema.ActualProperties.TryGetValue("type", out var property)
                    ? property.ActualSchema.Enumeration.Select(e => e?.ToString()).ToHashSet(StringComparer.Ordinal)
                    : [];
                var lineStatuses = schema.Definitions.TryGetValue("lineStatus", out var definition)
                    ? definition.ActualSchema.Enumeration.Select(e => e?.ToString()).ToHashSet(StringComparer.Ordinal)
                    : [];
                failures.AddRange(scheme.Codes
                    .Where(c => c.Value.LineStatus is null && !events.Contains(c.Value.Event))
                    .Select(c => $"Code {schemeName} '{c.Key}' maps to '{c.Value.Event}', which is not an event of {typeName}."));
                failures.AddRange(scheme.Codes
                    .Where(c => c.Value.LineStatus is { } status && !lineStatuses.Contains(status))
                    .Select(c => $"Code {schemeName} '{c.Key}' maps to line status '{c.Value.LineStatus}', which {typeName} events do not have."));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

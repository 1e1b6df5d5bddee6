using NJsonSchema;
using NJsonSchema.Validation;

namespace Dms.Hub.Validation;

/// <summary>Runs NJsonSchema and turns its errors into <see cref="ValidationError"/>s with JSON Pointer paths.</summary>
/// <remarks>
/// Schemas may name a code per property: <c>x-error-code</c> for an invalid value, <c>x-missing-error-code</c> for a
/// missing one. NJsonSchema supports only the draft-04/06 subset (STACK.md); richer rules live in C# rules.
/// </remarks>
public static class SchemaValidator
{
    public static IReadOnlyList<ValidationError> Validate(JsonSchema schema, string json)
    {
        // Numbers no field can hold are refused first: NJsonSchema throws on integers beyond 64 bits.
        if (NumberGuard.Check(json) is { Count: > 0 } numbers)
        {
            return numbers;
        }

        var raw = schema.Validate(json);
        var errors = new List<ValidationError>();
        foreach (var error in Flatten(raw))
        {
            if (error.Kind == ValidationErrorKind.ObjectExpected && error.Path is "#/" or "#" or null)
            {
                return [new ValidationError("", ErrorCodes.InvalidType, "The document must be a JSON object.")];
            }

            errors.Add(Map(error));
        }

        return errors;
    }

    private static IEnumerable<NJsonSchema.Validation.ValidationError> Flatten(IEnumerable<NJsonSchema.Validation.ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child)
            {
                foreach (var nested in child.Errors.Values.SelectMany(Flatten))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return error;
            }
        }
    }

    private static ValidationError Map(NJsonSchema.Validation.ValidationError error)
    {
        var path = ToPointer(error);
        return error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => new(path, Extension(PropertySchema(error), "x-missing-error-code") ?? ErrorCodes.Required, $"'{error.Property}' is required."),
            ValidationErrorKind.NoAdditionalPropertiesAllowed => new(path, ErrorCodes.UnknownField, $"'{error.Property}' is not a known field."),
            _ => new(path, Extension(error.Schema, "x-error-code") ?? CodeFor(error.Kind), MessageFor(error.Kind)),
        };
    }

    private static JsonSchema? PropertySchema(NJsonSchema.Validation.ValidationError error) =>
        error.Property is { } name && error.Schema?.ActualSchema.ActualProperties.TryGetValue(name, out var property) == true
            ? property.ActualSchema
            : null;

    private static string? Extension(JsonSchema? schema, string key) =>
        schema?.ExtensionData?.TryGetValue(key, out var value) == true ? value as string : null;

    private static string CodeFor(ValidationErrorKind kind) => kind switch
    {
        ValidationErrorKind.StringExpected or ValidationErrorKind.NumberExpected or ValidationErrorKind.IntegerExpected
            or ValidationErrorKind.BooleanExpected or ValidationErrorKind.ObjectExpected or ValidationErrorKind.ArrayExpected
            or ValidationErrorKind.NullExpected => ErrorCodes.InvalidType,
        ValidationErrorKind.PatternMismatch or ValidationErrorKind.DateExpected or ValidationErrorKind.DateTimeExpected
            or ValidationErrorKind.TimeExpected or ValidationErrorKind.EmailExpected or ValidationErrorKind.UriExpected
            or ValidationErrorKind.GuidExpected or ValidationErrorKind.HostnameExpected => ErrorCodes.InvalidFormat,
        ValidationErrorKind.StringTooShort or ValidationErrorKind.StringTooLong
            or ValidationErrorKind.TooFewItems or ValidationErrorKind.TooManyItems => ErrorCodes.InvalidLength,
        ValidationErrorKind.NumberTooSmall or ValidationErrorKind.NumberTooBig or ValidationErrorKind.NumberNotMultipleOf => ErrorCodes.OutOfRange,
        ValidationErrorKind.NotInEnumeration => ErrorCodes.InvalidValue,
        ValidationErrorKind.ItemsNotUnique => ErrorCodes.DuplicateItems,
        _ => ErrorCodes.SchemaViolation,
    };

    private static string MessageFor(ValidationErrorKind kind) => kind switch
    {
        ValidationErrorKind.StringExpected => "Expected a string.",
        ValidationErrorKind.NumberExpected => "Expected a number.",
        ValidationErrorKind.IntegerExpected => "Expected an integer.",
        ValidationErrorKind.BooleanExpected => "Expected true or false.",
        ValidationErrorKind.ObjectExpected => "Expected an object.",
        ValidationErrorKind.ArrayExpected => "Expected an array.",
        ValidationErrorKind.PatternMismatch => "The value does not have the required format.",
        ValidationErrorKind.DateExpected => "Expected a date (YYYY-MM-DD).",
        ValidationErrorKind.DateTimeExpected => "Expected a UTC timestamp (ISO 8601).",
        ValidationErrorKind.EmailExpected => "Expected an e-mail address.",
        ValidationErrorKind.StringTooShort => "The value is too short.",
        ValidationErrorKind.StringTooLong => "The value is too long.",
        ValidationErrorKind.TooFewItems => "Too few items.",
        ValidationErrorKind.TooManyItems => "Too many items.",
        ValidationErrorKind.NumberTooSmall => "The value is below the minimum.",
        ValidationErrorKind.NumberTooBig => "The value is above the maximum.",
        ValidationErrorKind.NotInEnumeration => "The value is not one of the allowed values.",
        ValidationErrorKind.ItemsNotUnique => "Items must be unique.",
        _ => "The value does not satisfy the schema.",
    };

    // NJsonSchema paths look like "#/laborLines[0].hours". Schema-defined names never contain '.', but an unknown
    // field can contain anything, so the last segment is taken verbatim from Property where there is one.
    private static string ToPointer(NJsonSchema.Validation.ValidationError error)
    {
        var path = (error.Path ?? "#/").TrimStart('#').TrimStart('/');
        var property = error.Property;
        if (property is not null && !property.StartsWith('[') && path.EndsWith(property, StringComparison.Ordinal))
        {
            var parent = path[..^property.Length].TrimEnd('.');
            return ConvertSegments(parent) + "/" + JsonPointer.Escape(property);
        }

        return ConvertSegments(path);
    }

    private static string ConvertSegments(string path) =>
        path.Length == 0 ? "" : "/" + path.Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal)
            .Split('.', StringSplitOptions.RemoveEmptyEntries).Aggregate((a, b) => a + "/" + b);
}

namespace Dms.Hub.Storage;

public enum FieldComparison
{
    Equal,

    /// <summary>Strictly before (ISO dates compare as text).</summary>
    LessThan,

    /// <summary>On or after.</summary>
    GreaterOrEqual,
}

/// <summary>A condition on one stored summary field of a document (see <see cref="Registry.SummaryField"/>).</summary>
public sealed record FieldFilter(string Field, FieldComparison Comparison, string Value);

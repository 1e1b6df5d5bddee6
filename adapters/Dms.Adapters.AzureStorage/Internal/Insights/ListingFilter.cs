using Azure.Data.Tables;
using Dms.Hub.Insights;

namespace Dms.Adapters.AzureStorage.Internal.Insights;

/// <summary>The documents filter's fields as table conditions (values escaped by the SDK).</summary>
internal static class ListingFilter
{
    public static string Conditions(DocumentFilter query)
    {
        var conditions = new List<string>();
        Add(conditions, nameof(DocumentFacts.DocumentType), query.DocumentType);
        Add(conditions, nameof(DocumentFacts.Status), query.Status);
        Add(conditions, nameof(DocumentFacts.DealerCode), query.DealerCode);
        Add(conditions, nameof(DocumentFacts.Region), query.Region);
        Add(conditions, nameof(DocumentFacts.Channel), query.Channel);
        Add(conditions, nameof(DocumentFacts.Outcome), query.Outcome);
        Add(conditions, nameof(DocumentFacts.ErrorCode), query.ErrorCode);
        if (query.AwaitingOem is { } awaiting)
        {
            conditions.Add(TableClient.CreateQueryFilter($"AwaitingOem eq {awaiting}"));
        }

        if (query.Field is { } field)
        {
            conditions.Add(ListingRows.FieldProperty(field.Name) + " eq " + TableClient.CreateQueryFilter($"{field.Value}"));
        }

        return string.Concat(conditions.Select(c => " and " + c));
    }

    private static void Add(List<string> conditions, string property, string? value)
    {
        if (value is not null)
        {
            conditions.Add(property + " eq " + TableClient.CreateQueryFilter($"{value}"));
        }
    }
}

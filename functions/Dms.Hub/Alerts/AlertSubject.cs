using Dms.Hub.Common;
using Dms.Hub.Workflow;

namespace Dms.Hub.Alerts;

/// <summary>
/// What an alert is about: a document (its tracking ID), or something else of one dealer, such as its stock of one
/// part (<c>{dealer}-stock-{part}</c>). The ID starts with the dealer code and a dash either way, which is how an
/// alert is found from its ID alone.
/// </summary>
public sealed record AlertSubject(string DealerCode, string DocumentType, string Id, string Number)
{
    public static AlertSubject Of(DocumentRecord document) => new(document.DealerCode, document.DocumentType, document.TrackingId, document.DocumentNumber);

    /// <summary>The dealer whose partition holds alerts about <paramref name="subjectId"/>; null when it names none.</summary>
    public static string? DealerOf(string subjectId)
    {
        var dash = subjectId.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && DealerCodes.IsValid(subjectId[..dash]) ? subjectId[..dash] : null;
    }
}

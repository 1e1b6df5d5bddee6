using Dms.Hub.Workflow;

namespace Dms.Hub.Insights;

/// <summary>
/// Port: what one document type adds to the counters beyond the counts every type gets (received, delivered, status
/// ...): amounts, decision times, reason codes, holds. Registered next to its type; the HQ page of the type reads them.
/// </summary>
public interface IInsightContributor
{
    string DocumentType { get; }

    void Contribute(DocumentRecord document, ICollection<Contribution> contributions);
}

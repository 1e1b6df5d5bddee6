namespace Dms.Hub.Registry;

/// <summary>Who holds a reservation: a document identified by its business key.</summary>
public sealed record ReservationHolder(string DealerCode, string DocumentType, string DocumentNumber);

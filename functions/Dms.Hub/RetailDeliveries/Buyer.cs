namespace Dms.Hub.RetailDeliveries;

public sealed record Buyer(string Type, string Name, string? Email, string? Phone, BuyerConsent? Consent);

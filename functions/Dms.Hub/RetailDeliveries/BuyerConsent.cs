namespace Dms.Hub.RetailDeliveries;

public sealed record BuyerConsent(bool? Marketing, bool? DataSharing);

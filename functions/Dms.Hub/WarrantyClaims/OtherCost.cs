using Dms.Hub.Common;

namespace Dms.Hub.WarrantyClaims;

public sealed record OtherCost(string Type, string? Description, Money Amount);

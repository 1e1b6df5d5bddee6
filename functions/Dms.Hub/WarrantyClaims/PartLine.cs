using Dms.Hub.Common;

namespace Dms.Hub.WarrantyClaims;

public sealed record PartLine(string PartNumber, int Quantity, Money UnitPrice, bool Causal);

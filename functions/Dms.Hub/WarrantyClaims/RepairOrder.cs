using Dms.Hub.Common;

namespace Dms.Hub.WarrantyClaims;

public sealed record RepairOrder(string Number, DateOnly OpenedOn, DateOnly ClosedOn, Distance MileageIn);

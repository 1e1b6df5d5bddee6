using Dms.Hub.Common;

namespace Dms.Hub.WarrantyClaims;

public sealed record LaborLine(string OperationCode, decimal Hours, Money Rate, string? TechnicianId);

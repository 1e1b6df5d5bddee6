namespace Dms.Hub.Dealers;

public enum PrincipalRole
{
    Dealer,
    Oem,
    Admin,

    /// <summary>OEM headquarters: sales figures and reporting status of every region.</summary>
    Hq,

    /// <summary>A regional manager: the HQ views, scoped to one region.</summary>
    RegionalManager,

    /// <summary>A district manager: the HQ views of their region, and the reporting escalations of their district.</summary>
    DistrictManager,
}

namespace Dms.Hub.Dealers;

public enum PrincipalRole
{
    Dealer,
    Oem,
    Admin,
}

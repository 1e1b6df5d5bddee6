namespace Dms.Hub.Dealers;

public static class NotificationChannels
{
    public const string Mailbox = "mailbox";
    public const string Webhook = "webhook";
    public const string Soap = "soap";
}

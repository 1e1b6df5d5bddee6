using System.Text.RegularExpressions;

namespace Dms.Hub.Insights;

/// <summary>A stable code for a failure's free-text reason, so failures group by cause (HTTP_503, TIMEOUT ...).</summary>
public static partial class FailureCodes
{
    public static string Classify(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return "UNKNOWN";
        }

        if (Http().Match(reason) is { Success: true } http)
        {
            return "HTTP_" + http.Groups[1].Value;
        }

        return reason switch
        {
            _ when reason.Contains("Timed out", StringComparison.OrdinalIgnoreCase) => "TIMEOUT",
            _ when reason.Contains("Circuit open", StringComparison.OrdinalIgnoreCase) => "CIRCUIT_OPEN",
            _ when reason.Contains("Too many calls", StringComparison.OrdinalIgnoreCase) => "THROTTLED",
            _ when reason.Contains("Connection failed", StringComparison.OrdinalIgnoreCase) => "CONNECTION_FAILED",
            _ when reason.Contains("No route", StringComparison.OrdinalIgnoreCase) => "NO_ROUTE",
            _ when reason.Contains("not configured", StringComparison.OrdinalIgnoreCase) => "NOT_CONFIGURED",
            _ when reason.Contains("Service Bus dead-lettered", StringComparison.OrdinalIgnoreCase) => "TRANSPORT_GAVE_UP",
            _ when reason.Contains("No handler", StringComparison.OrdinalIgnoreCase) => "NO_HANDLER",
            _ when Exception().Match(reason) is { Success: true } exception => exception.Groups[1].Value.ToUpperInvariant(),
            _ => "OTHER",
        };
    }

    [GeneratedRegex(@"HTTP (\d{3})")]
    private static partial Regex Http();

    [GeneratedRegex(@"^(?:Gave up after \d+ attempts\. Last error: )?([A-Za-z]+Exception):")]
    private static partial Regex Exception();
}

namespace Dms.Functions.Http;

/// <summary>The <c>Idempotency-Key</c> header: optional, 1–255 printable ASCII characters.</summary>
internal static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";

    public static bool TryRead(HttpContext context, out string? key, out IResult? problem)
    {
        key = null;
        problem = null;
        var values = context.Request.Headers[Header];
        if (values.Count == 0)
        {
            return true;
        }

        var value = values.ToString();
        if (values.Count > 1 || value.Length is 0 or > 255 || value.Any(c => c is < '!' or > '~'))
        {
            problem = Problems.Create(context, 400, "INVALID_IDEMPOTENCY_KEY", "Invalid Idempotency-Key", "Use 1–255 printable ASCII characters without spaces.");
            return false;
        }

        key = value;
        return true;
    }
}

namespace Dms.Hub.Common;

/// <summary>Turns the registry's kebab-case names (<c>warranty-claim</c>) into the names other vocabularies use.</summary>
public static class Names
{
    /// <summary><c>warranty-claim</c> → <c>WarrantyClaim</c>; <c>cancel-request</c> → <c>CancelRequest</c>.</summary>
    public static string Pascal(string name) =>
        string.Concat(name.Split(['-', '_', '.'], StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    /// <summary><c>warranty-claim</c> → <c>warrantyClaim</c>.</summary>
    public static string Camel(string name)
    {
        var pascal = Pascal(name);
        return pascal.Length == 0 ? pascal : char.ToLowerInvariant(pascal[0]) + pascal[1..];
    }
}

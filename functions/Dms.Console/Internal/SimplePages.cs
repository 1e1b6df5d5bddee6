using System.Net;

namespace Dms.Console.Internal;

/// <summary>Small HTML answers written outside the component pipeline (access denied, not found from an endpoint).</summary>
public static class SimplePages
{
    public static string Message(string title, string text, string backHref) =>
        $"""
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{WebUtility.HtmlEncode(title)} · Dms console</title><link rel="stylesheet" href="{ConsoleAssets.Url("console.css")}"></head>
        <body><main id="main" class="bare"><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(text)}</p>
        <p><a href="{WebUtility.HtmlEncode(backHref)}">Back to the console</a></p></main></body></html>
        """;
}

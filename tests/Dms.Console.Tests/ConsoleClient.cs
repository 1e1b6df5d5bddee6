using System.Net;
using System.Text.RegularExpressions;

namespace Dms.Console.Tests;

/// <summary>The console over plain HTTP, as a browser without script would use it: a cookie jar, forms with their antiforgery token.</summary>
public sealed partial class ConsoleClient : IDisposable
{
    private readonly HttpClient _client;
    private HttpClient? _streaming;

    public ConsoleClient(Uri baseAddress)
    {
        Cookies = new CookieContainer();
        _client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public CookieContainer Cookies { get; }

    /// <summary>Signs in with a console key; true when the console accepted it (a redirect into the console, not back to sign-in).</summary>
    public async Task<bool> SignInAsync(string key)
    {
        using var response = await PostFormAsync("/console/actions/sign-in", new() { ["key"] = key, ["returnUrl"] = "/console" }, "/console/sign-in");
        return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString() == "/console";
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(path);

    /// <summary>
    /// As <see cref="GetAsync"/>, returning once the headers are in: the body is read or abandoned by the caller, and
    /// abandoning it drops the connection, as a closed browser tab would (the default handler would quietly read up to
    /// 1 MB more to keep the connection).
    /// </summary>
    public async Task<HttpResponseMessage> GetStreamingAsync(string path)
    {
        _streaming ??= new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, AllowAutoRedirect = false, MaxResponseDrainSize = 0 }) { BaseAddress = _client.BaseAddress, Timeout = _client.Timeout };
        return await _streaming.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
    }

    public async Task<(HttpStatusCode Status, string Body)> GetTextAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts a form with the antiforgery token taken from <paramref name="formPage"/> (as the browser would).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields, string formPage = "/console/sign-in", bool withToken = true)
    {
        var form = new List<KeyValuePair<string, string>>(fields);
        if (withToken)
        {
            form.Add(new("__RequestVerificationToken", await TokenAsync(formPage)));
        }

        using var content = new FormUrlEncodedContent(form);
        return await _client.PostAsync(path, content);
    }

    public async Task<string> TokenAsync(string page)
    {
        var (_, html) = await GetTextAsync(page);
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, $"No antiforgery token on {page}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public void Dispose()
    {
        _client.Dispose();
        _streaming?.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

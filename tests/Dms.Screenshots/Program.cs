using Microsoft.Playwright;

// Usage: Dms.Screenshots <console base URL> <output directory>
// Signs in with the demo console keys and saves one PNG per main page, named as the README links them.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Dms.Screenshots <base URL, e.g. http://127.0.0.1:7071> <output directory>");
    return 2;
}

var baseUrl = args[0].TrimEnd('/');
var output = Directory.CreateDirectory(args[1]).FullName;
const string Chromium = "/usr/bin/chromium";
if (!File.Exists(Chromium))
{
    Console.Error.WriteLine($"{Chromium} is missing: ./dms deps installs it.");
    return 1;
}

// A replay is started the way an operator would: a failure group, "Replay all … matching", a reason, the button.
static async Task ReplayAsync(IPage page)
{
    var replayAll = page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Replay all") });
    if (await replayAll.CountAsync() == 0)
    {
        return;
    }

    await replayAll.ClickAsync();
    await page.GetByLabel("Reason").FillAsync("OEM warranty system back after its maintenance window");
    await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Replay \\d") }).ClickAsync();
    await page.Locator(".progress-text[data-finished]").WaitForAsync(new() { Timeout = 120_000 });
    await page.ReloadAsync();
}

(string File, string Key, string Path, string? Click)[] shots =
[
    ("overview.png", "demo-console-operator", "/console?window=7d", null),
    ("documents.png", "demo-console-viewer", "/console/documents?type=warranty-claim", null),
    ("document.png", "demo-console-viewer", "/console/documents?type=warranty-claim&status=Approved", "main table tbody tr td a"),
    ("vehicle.png", "demo-console-viewer", "/console/documents?type=parts-order", "main table tbody a[href^='/console/vehicles/']"),
    ("failures.png", "demo-console-operator", "/console/failures", null),
    ("replay.png", "demo-console-operator", "/console/failures?type=retail-delivery-report", "replay"),
    ("dealers.png", "demo-console-admin", "/console/dealers", null),
    ("hq-warranty.png", "demo-console-viewer", "/console/hq/warranty", null),
    ("hq-vehicle-orders.png", "demo-console-viewer", "/console/hq/vehicle-orders", null),
    ("hq-parts.png", "demo-console-viewer", "/console/hq/parts", null),
    ("hq-sales.png", "demo-console-viewer", "/console/hq/sales", null),
    ("hq-periodic-reports.png", "demo-console-viewer", "/console/hq/periodic-reports", null),
    ("alerts.png", "demo-console-operator", "/console/alerts", null),
    ("audit.png", "demo-console-admin", "/console/audit", null),
    ("regional-manager.png", "demo-console-north", "/console?window=30d", null),
];

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = Chromium,
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
});
var failed = 0;
foreach (var group in shots.GroupBy(s => s.Key))
{
    await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
    var page = await context.NewPageAsync();
    page.SetDefaultTimeout(30_000);
    await page.GotoAsync("/console/sign-in");
    await page.GetByLabel("Console key").FillAsync(group.Key);
    await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
    foreach (var shot in group)
    {
        var response = await page.GotoAsync(shot.Path);
        if (shot.Click == "replay")
        {
            await ReplayAsync(page);
        }
        else if (shot.Click is { } selector && await page.Locator(selector).CountAsync() > 0)
        {
            await page.Locator(selector).First.ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        if (response is null || !response.Ok)
        {
            Console.Error.WriteLine($"{shot.Path} answered {response?.Status}: no {shot.File}");
            failed++;
            continue;
        }

        // Charts animate in; the console marks each canvas once it has drawn.
        foreach (var canvas in await page.Locator("canvas[data-chart]").AllAsync())
        {
            await canvas.WaitForAsync();
            await Assertions.Expect(canvas).ToHaveAttributeAsync("data-chart-ready", new System.Text.RegularExpressions.Regex("."));
        }

        await page.WaitForTimeoutAsync(300);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(output, shot.File), FullPage = false });
        Console.WriteLine($"{shot.File}  {page.Url}");
    }
}

return failed == 0 ? 0 : 1;

using Microsoft.Playwright;

namespace Dashboard.Tests;

/// <summary>
/// One headless Chromium for the test run: Debian's <c>/usr/bin/chromium</c> (or PISTAT_CHROMIUM), driven by
/// Playwright. Each test opens its own context (cookies, storage, viewport, colour scheme) and a page that records
/// console errors, failed requests and every URL it asked for.
/// </summary>
[TestClass]
public static class Browser
{
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    public static string ExecutablePath => Environment.GetEnvironmentVariable("PISTAT_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    [AssemblyInitialize]
    public static async Task StartAsync(TestContext context)
    {
        _ = context;
        Assert.IsTrue(File.Exists(ExecutablePath), $"{ExecutablePath} is missing: install Debian's chromium (.ci/run does) or set PISTAT_CHROMIUM");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    [AssemblyCleanup]
    public static async Task StopAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    public static async Task<WatchedPage> OpenAsync(DemoAgent agent, BrowserNewContextOptions? options = null)
    {
        IBrowserContext context = await _browser!.NewContextAsync(options ?? new BrowserNewContextOptions());
        IPage page = await context.NewPageAsync();
        var watched = new WatchedPage(context, page, agent.Address);
        return watched;
    }
}

/// <summary>A page and what it did: console errors, page errors, failed requests, every request's URL and headers.</summary>
public sealed class WatchedPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    internal WatchedPage(IBrowserContext context, IPage page, Uri agent)
    {
        _context = context;
        Page = page;
        Agent = agent;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (Errors)
                {
                    Errors.Add("console: " + message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (Errors)
            {
                Errors.Add("page: " + error);
            }
        };
        page.RequestFailed += (_, request) =>
        {
            // A stream the page itself aborts (the tab hidden, a range changed) is not a failure.
            if (request.Failure is not "net::ERR_ABORTED")
            {
                lock (Errors)
                {
                    Errors.Add($"request failed: {request.Url} {request.Failure}");
                }
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                lock (Errors)
                {
                    Errors.Add($"HTTP {response.Status}: {response.Url}");
                }
            }
        };
        page.Request += (_, request) =>
        {
            lock (Requests)
            {
                Requests.Add((request.Url, request.Headers));
            }
        };
    }

    public IPage Page { get; }

    public Uri Agent { get; }

    public List<string> Errors { get; } = [];

    public List<(string Url, Dictionary<string, string> Headers)> Requests { get; } = [];

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}

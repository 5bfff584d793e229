using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using MonitorWorker;
using MonitorWorker.Configuration;

namespace Dashboard.Tests;

/// <summary>The service built by PiStatHost in this process on a free loopback port, serving a fixture board as a demo.</summary>
public sealed class DemoAgent : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DemoAgent(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public static string RepositoryRoot { get; } = FindRoot();

    public static async Task<DemoAgent> StartAsync(string board, string? apiKey = null, Action<PiStatOptions>? configure = null)
    {
        var options = new PiStatOptions
        {
            Host = "127.0.0.1",
            Port = 0,
            SampleSeconds = 1,
            Demo = Path.Combine(RepositoryRoot, "fixtures", board),
            ApiKey = apiKey,
        };
        options.Probes.DiskPaths = ["/"];
        configure?.Invoke(options);
        WebApplication app = PiStatHost.Build(options);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var agent = new DemoAgent(app, new Uri(address.TrimEnd('/') + "/"));
        await agent.WaitForSamplesAsync(3, apiKey);
        return agent;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Waits until the history holds <paramref name="count"/> samples, so rates have values when the page loads.</summary>
    private async Task WaitForSamplesAsync(int count, string? apiKey)
    {
        using var http = new HttpClient { BaseAddress = Address };
        if (apiKey is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }

        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            string body = await http.GetStringAsync("api/history?series=cpu.usage");
            using var json = System.Text.Json.JsonDocument.Parse(body);
            if (json.RootElement.GetProperty("timestamps").GetArrayLength() >= count)
            {
                return;
            }

            Assert.IsLessThan(deadline, DateTime.UtcNow, $"the demo agent has not sampled {count} times");
            await Task.Delay(100);
        }
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Probes.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (Probes.sln) is not above " + AppContext.BaseDirectory);
    }
}

using System.Text.Json;
using MonitorWorker;

namespace Dashboard.Tests;

/// <summary>The service in this process (TestSupport's <see cref="InProcessHost"/>) serving a fixture board as a demo, sampling every second.</summary>
public sealed class DemoAgent : IAsyncDisposable
{
    private readonly InProcessHost _host;

    private DemoAgent(InProcessHost host) => _host = host;

    public Uri Address => _host.Address;

    public IServiceProvider Services => _host.Services;

    public static string RepositoryRoot => Repository.Root;

    public static async Task<DemoAgent> StartAsync(string board, string? apiKey = null, Action<AgentOptions>? configure = null)
    {
        InProcessHost host = await InProcessHost.StartAsync(null, options =>
        {
            options.Sampling.SampleSeconds = 1;
            options.Demo.Board = Repository.Board(board);
            options.Access.ApiKey = apiKey;
            options.Sampling.Probes.DiskPaths = ["/"];
            configure?.Invoke(options);
        });
        var agent = new DemoAgent(host);
        await agent.WaitForSamplesAsync(3, apiKey);
        return agent;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    /// <summary>Waits until the history holds <paramref name="count"/> samples, so rates have values when the page loads.</summary>
    private Task WaitForSamplesAsync(int count, string? apiKey)
    {
        if (apiKey is not null)
        {
            _host.Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }

        return Eventually.UntilAsync(
            async () =>
            {
                using var json = JsonDocument.Parse(await _host.Http.GetStringAsync("api/history?series=cpu.usage"));
                return json.RootElement.GetProperty("timestamps").GetArrayLength() >= count;
            },
            $"the demo agent to sample {count} times");
    }
}

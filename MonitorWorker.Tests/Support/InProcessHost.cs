using HardwareProbes.Snapshots;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Systemd;
using MonitorWorker.Configuration;
using MonitorWorker.Sampling;

namespace MonitorWorker.Tests;

/// <summary>The service built by PiStatHost in this process, on a free loopback port, with its snapshot source (and notifier) replaced.</summary>
internal sealed class InProcessHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessHost(WebApplication app, HttpClient http)
    {
        _app = app;
        Http = http;
    }

    public HttpClient Http { get; }

    public SnapshotStore Store => _app.Services.GetRequiredService<SnapshotStore>();

    public T Service<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>Starts the host; with <paramref name="time"/> the service's clock is that one (the sampler, windows, timeouts), not the system's.</summary>
    public static async Task<InProcessHost> StartAsync(ISnapshotSource source, Action<PiStatOptions>? configure = null, ISystemdNotifier? notifier = null, TimeProvider? time = null)
    {
        var options = new PiStatOptions { Host = "127.0.0.1", Port = 0, SampleSeconds = 3600 };
        configure?.Invoke(options);
        WebApplication app = PiStatHost.Build(options, services =>
        {
            services.AddSingleton(source);
            if (notifier is not null)
            {
                services.AddSingleton(notifier);
            }

            if (time is not null)
            {
                services.AddSingleton(time);
            }
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new InProcessHost(app, new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) });
    }

    public async Task WaitForFirstSnapshotAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Store.Latest is null)
        {
            Assert.IsLessThan(deadline, DateTime.UtcNow, "no first snapshot");
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

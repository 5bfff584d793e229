using HardwareProbes.Snapshots;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Systemd;
using MonitorWorker;
using MonitorWorker.Sampling;

namespace TestSupport;

/// <summary>
/// The service built by AgentHost in the test process on a free loopback port: with a snapshot source (and notifier,
/// and clock) of the test's, or with the real probes (a demo board, or this machine).
/// </summary>
public sealed class InProcessHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private string? _dataFolder;

    private InProcessHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Gets the address it listens on, ending in a slash.</summary>
    public Uri Address { get; }

    /// <summary>Gets a client of it.</summary>
    public HttpClient Http { get; }

    /// <summary>Gets its services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Gets the snapshot store every endpoint reads.</summary>
    public SnapshotStore Store => _app.Services.GetRequiredService<SnapshotStore>();

    /// <summary>One of its services.</summary>
    public T Service<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>
    /// Starts the host: <paramref name="source"/> replaces the probes when given; with <paramref name="time"/> the service's
    /// clock is that one (the sampler, windows, timeouts), not the system's; <paramref name="services"/> adds or replaces
    /// services last. Samples hourly unless configured otherwise.
    /// </summary>
    public static async Task<InProcessHost> StartAsync(ISnapshotSource? source, Action<AgentOptions>? configure = null, ISystemdNotifier? notifier = null, TimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        var options = new AgentOptions { Server = { Host = "127.0.0.1", Port = 0 }, Sampling = { SampleSeconds = 3600 } };
        configure?.Invoke(options);
        string? data = null;
        if (options.Data.DataPath is null)
        {
            // A folder of its own for what it stores (removed with it), unless the test names one.
            data = Directory.CreateTempSubdirectory("pistat-data-").FullName;
            options.Data.DataPath = data;
        }

        WebApplication app = AgentHost.Build(options, registered =>
        {
            if (source is not null)
            {
                registered.AddSingleton(source);
            }

            if (notifier is not null)
            {
                registered.AddSingleton(notifier);
            }

            if (time is not null)
            {
                registered.AddSingleton(time);
            }

            services?.Invoke(registered);
        });
        await app.StartAsync().ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new InProcessHost(app, new Uri(address.TrimEnd('/') + "/")) { _dataFolder = data };
    }

    /// <summary>Waits until the store holds a snapshot.</summary>
    public Task WaitForFirstSnapshotAsync() => Eventually.UntilAsync(() => Store.Latest is not null, "a first snapshot");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (_dataFolder is not null)
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }
}

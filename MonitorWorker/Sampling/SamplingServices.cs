using HardwareProbes.DependencyInjection;
using MonitorWorker.Configuration;

namespace MonitorWorker.Sampling;

/// <summary>The background sampler and what it feeds: the probes, the snapshot store, its subscribers, the per-snapshot views.</summary>
public static class SamplingServices
{
    /// <summary>
    /// Registers the library's probes with the service's probe options, the store every endpoint reads, the one
    /// per-snapshot view cache, the sampler, and the systemd watchdog as a subscriber. Features that need each new
    /// snapshot register an <see cref="ISnapshotSubscriber"/> of their own.
    /// </summary>
    public static IServiceCollection AddSampling(this IServiceCollection services, SamplingOptions options, string? demoName)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddFeatureOptions(options);
        services.AddHardwareProbes(options.Probes);
        services.AddSingleton<SnapshotStore>();
        services.AddSingleton(new SnapshotViews
        {
            Demo = demoName,
            Labels = options.Labels,
        });
        services.AddSingleton<ISnapshotSubscriber, SystemdWatchdog>();
        services.AddHostedService<Sampler>();
        return services;
    }
}

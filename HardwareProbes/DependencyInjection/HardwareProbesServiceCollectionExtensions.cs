using HardwareProbes.Snapshots;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HardwareProbes.DependencyInjection;

/// <summary>Registers the probes with a dependency-injection container (a generic host, ASP.NET Core, a worker).</summary>
public static class HardwareProbesServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ProbeOptions"/> and one <see cref="ISnapshotSource"/> for this operating system, created on
    /// first use with the container's <see cref="TimeProvider"/> (<see cref="TimeProvider.System"/> unless one is
    /// registered) and disposed with the container.
    /// </summary>
    /// <param name="services">The container.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddHardwareProbes(this IServiceCollection services) => services.AddHardwareProbes(new ProbeOptions());

    /// <summary>Registers options changed by <paramref name="configure"/> and one <see cref="ISnapshotSource"/> built from them; see <see cref="AddHardwareProbes(IServiceCollection)"/>.</summary>
    /// <param name="services">The container.</param>
    /// <param name="configure">Changes to the default options.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentException">An option is out of its documented range.</exception>
    public static IServiceCollection AddHardwareProbes(this IServiceCollection services, Action<ProbeOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new ProbeOptions();
        configure(options);
        return services.AddHardwareProbes(options);
    }

    /// <summary>Registers <paramref name="options"/> and one <see cref="ISnapshotSource"/> built from them; see <see cref="AddHardwareProbes(IServiceCollection)"/>.</summary>
    /// <param name="services">The container.</param>
    /// <param name="options">The options; checked now.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentException">An option is out of its documented range.</exception>
    public static IServiceCollection AddHardwareProbes(this IServiceCollection services, ProbeOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(provider => SnapshotSource.Create(options, provider.GetRequiredService<TimeProvider>()));
        return services;
    }
}

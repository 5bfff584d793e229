using Microsoft.Extensions.Options;

namespace MonitorWorker.Persistence;

/// <summary>The data folder, for every feature that stores something.</summary>
public static class DataServices
{
    public static IServiceCollection AddDataFolder(this IServiceCollection services, DataOptions options)
        => services.AddSingleton(Options.Create(options ?? throw new ArgumentNullException(nameof(options))));
}

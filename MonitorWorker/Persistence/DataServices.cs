using MonitorWorker.Configuration;

namespace MonitorWorker.Persistence;

/// <summary>The data folder, for every feature that stores something.</summary>
public static class DataServices
{
    public static IServiceCollection AddDataFolder(this IServiceCollection services, DataOptions options)
        => services.AddFeatureOptions(options);
}

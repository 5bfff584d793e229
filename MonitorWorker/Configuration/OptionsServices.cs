using Microsoft.Extensions.Options;

namespace MonitorWorker.Configuration;

/// <summary>The loaded settings, for every feature that reads them.</summary>
public static class OptionsServices
{
    public static IServiceCollection AddPiStatOptions(this IServiceCollection services, PiStatOptions options)
        => services.AddSingleton(Options.Create(options ?? throw new ArgumentNullException(nameof(options))));
}

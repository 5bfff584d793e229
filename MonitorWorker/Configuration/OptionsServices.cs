using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace MonitorWorker.Configuration;

/// <summary>How a feature offers its part of the settings to its own services.</summary>
public static class OptionsServices
{
    /// <summary>Registers <paramref name="options"/> as the <see cref="IOptions{TOptions}"/> the feature's services take.</summary>
    public static IServiceCollection AddFeatureOptions<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(this IServiceCollection services, TOptions options)
        where TOptions : class
        => services.AddSingleton(Options.Create(options ?? throw new ArgumentNullException(nameof(options))));
}

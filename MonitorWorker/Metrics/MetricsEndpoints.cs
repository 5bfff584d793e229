using System.Diagnostics.Metrics;
using HardwareProbes.Metrics;
using MonitorWorker.Sampling;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace MonitorWorker.Metrics;

/// <summary>
/// <c>/metrics</c>: HardwareProbes' instruments over the newest snapshot, in the Prometheus text format through
/// OpenTelemetry's Prometheus exporter. A scrape runs the instruments' callbacks, which read the snapshot in memory.
/// </summary>
public static class MetricsEndpoints
{
    public static IServiceCollection AddHardwareMetrics(this IServiceCollection services)
    {
        services.AddSingleton(provider => new HardwareMetrics(
            () => provider.GetRequiredService<SnapshotStore>().Latest,
            provider.GetRequiredService<IMeterFactory>()));
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("pi-stat", serviceVersion: Health.HealthEndpoints.Version, autoGenerateServiceInstanceId: false))
            .WithMetrics(metrics => metrics
            .AddMeter(HardwareMetrics.MeterName)
            .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        // The instruments exist once this is created; the exporter then finds them by the meter's name.
        app.ServiceProvider.GetRequiredService<HardwareMetrics>();
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}

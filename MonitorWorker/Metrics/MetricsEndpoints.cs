using System.Diagnostics.Metrics;
using HardwareProbes.Metrics;
using MonitorWorker.Http;
using MonitorWorker.Sampling;
using MonitorWorker.Service;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace MonitorWorker.Metrics;

/// <summary>
/// <c>/metrics</c>: HardwareProbes' instruments over the newest snapshot, in the Prometheus text format through
/// OpenTelemetry's Prometheus exporter. A scrape runs the instruments' callbacks, which read the snapshot in memory.
/// </summary>
public static class MetricsEndpoints
{
    /// <summary>The most CPUs the per-CPU series are kept for.</summary>
    public const int MaxCpus = 512;

    /// <summary>The most series of any other labelled instrument: zones, mount points, interfaces, rails.</summary>
    public const int MaxSeries = 256;

    /// <summary>
    /// How many series the exporter keeps room for, per instrument. The SDK sets aside a store of that many points
    /// for every instrument up front (2000 by default, about 6 MB for these instruments); sized from the labels each
    /// instrument carries, it is well under 1 MB. Series beyond the limit are folded into one carrying
    /// <c>otel_metric_overflow="true"</c>. Null leaves the SDK's default (an instrument this table does not know).
    /// </summary>
    public static int? SeriesLimit(string instrumentName)
        => HardwareMetrics.Labels.TryGetValue(instrumentName, out IReadOnlyList<string>? labels)
            ? labels switch
            {
                [] => 1,
                ["cpu"] => MaxCpus,
                ["cpu", "mode"] => MaxCpus * HardwareMetrics.CpuModes.Count,
                _ => MaxSeries,
            }
            : null;

    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services)
    {
        services.AddSingleton(provider => new HardwareMetrics(
            () => provider.GetRequiredService<SnapshotStore>().Latest,
            provider.GetRequiredService<IMeterFactory>()));
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("pi-stat", serviceVersion: ServiceIdentity.Version, autoGenerateServiceInstanceId: false))
            .WithMetrics(metrics => metrics
            .AddMeter(HardwareMetrics.MeterName)
            .AddView(instrument => SeriesLimit(instrument.Name) is int limit ? new MetricStreamConfiguration { CardinalityLimit = limit } : null)
            .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        // The instruments exist once this is created; the exporter then finds them by the meter's name.
        app.ServiceProvider.GetRequiredService<HardwareMetrics>();
        // The exporter maps the path for every method; like every other endpoint it answers GET and HEAD, and 405 otherwise.
        app.MapPrometheusScrapingEndpoint("/metrics").WithMetadata(new HttpMethodMetadata(ReadMethods.GetAndHead));
        return app;
    }
}

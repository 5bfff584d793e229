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
        app.MapPrometheusScrapingEndpoint("/metrics", meterProvider: null, configureBranchedPipeline: AppendFamilies, optionsName: null)
            .WithMetadata(new HttpMethodMetadata(ReadMethods.GetAndHead));
        return app;
    }

    /// <summary>The name prefixes of the agent's own families, which no appended family may take.</summary>
    public static IReadOnlyList<string> ReservedPrefixes { get; } = ["hardware_", "target_info", "otel_", "pistat_", "up", "scrape_"];

    /// <summary>
    /// Adds every <see cref="IMetricsAppendix"/>'s families to a scrape: the exporter's answer is held, the families are
    /// written after it (before <c># EOF</c> in OpenMetrics), and the whole goes out. With no appendix, or nothing to
    /// add, the exporter writes straight to the client.
    /// </summary>
    private static void AppendFamilies(IApplicationBuilder branch)
        => branch.Use(async (context, next) =>
        {
            IMetricsAppendix[] appendices = [.. context.RequestServices.GetServices<IMetricsAppendix>()];
            if (appendices.Length == 0 || HttpMethods.IsHead(context.Request.Method))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            // The exporter gzips its answer when asked; the families are added to the plain text, which is then gzipped here.
            bool gzip = context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
            context.Request.Headers.AcceptEncoding = Microsoft.Extensions.Primitives.StringValues.Empty;
            Stream client = context.Response.Body;
            using var held = new MemoryStream();
            context.Response.Body = held;
            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                context.Response.Body = client;
            }

            byte[] body = held.ToArray();
            if (context.Response.StatusCode == StatusCodes.Status200OK)
            {
                bool openMetrics = context.Response.ContentType?.Contains("openmetrics", StringComparison.OrdinalIgnoreCase) == true;
                using var extra = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
                foreach (IMetricsAppendix appendix in appendices)
                {
                    appendix.Write(extra, openMetrics, ReservedPrefixes);
                }

                if (extra.GetStringBuilder().Length > 0)
                {
                    ReadOnlySpan<byte> eof = "# EOF\n"u8;
                    int cut = openMetrics && body.AsSpan().EndsWith(eof) ? body.Length - eof.Length : body.Length;
                    byte[] added = System.Text.Encoding.UTF8.GetBytes(extra.ToString());
                    byte[] joined = [.. body.AsSpan(0, cut), .. added, .. body.AsSpan(cut)];
                    body = joined;
                }
            }

            if (gzip && context.Response.StatusCode == StatusCodes.Status200OK)
            {
                using var compressed = new MemoryStream();
                await using (var zip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
                {
                    await zip.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
                }

                body = compressed.ToArray();
                context.Response.Headers.ContentEncoding = "gzip";
            }

            context.Response.ContentLength = body.Length;
            await client.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        });
}

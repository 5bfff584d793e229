using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MonitorWorker.Sampling;
using MonitorWorker.Service;

namespace MonitorWorker.Health;

/// <summary>Unhealthy when the sampler has stalled: the newest snapshot is older than three sample intervals.</summary>
public sealed class SamplerHealthCheck(SnapshotStore store, StartTime started, IOptions<SamplingOptions> options, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        TimeSpan limit = options.Value.SampleInterval * 3;
        TimeSpan? age = store.LatestAge;
        TimeSpan running = time.GetUtcNow() - started.At;
        HealthCheckResult result = age switch
        {
            null when running > limit => HealthCheckResult.Unhealthy($"no snapshot in the {Seconds(running)} s since start"),
            null => HealthCheckResult.Healthy("starting"),
            _ when age > limit => HealthCheckResult.Unhealthy($"sampler stalled: the newest snapshot is {Seconds(age.Value)} s old (limit {Seconds(limit)} s)"),
            _ => HealthCheckResult.Healthy(),
        };
        return Task.FromResult(result);
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}

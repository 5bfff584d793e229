using HardwareProbes.Identity;
using HardwareProbes.Snapshots;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MonitorWorker.Sampling;

namespace MonitorWorker.Health;

/// <summary>
/// Degraded when a source this board should have failed: a Pi without vcgencmd, a Jetson without tegrastats, any host
/// without /proc/stat, a CPU temperature sensor that exists and does not answer.
/// </summary>
public sealed class SourcesHealthCheck(SnapshotStore store) : IHealthCheck
{
    // cpu_temperature is written only where a CPU sensor exists: then a sensor that hangs or fails is a degraded host.
    private static readonly string[] Everywhere = ["cpu_times", "memory", "loadavg", "uptime", "net_dev", "cpu_temperature"];
    private static readonly string[] RaspberryPi = ["vcgencmd", "throttled"];
    private static readonly string[] Jetson = ["tegrastats"];

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (store.Latest is not HardwareSnapshot s)
        {
            return Task.FromResult(HealthCheckResult.Healthy("no snapshot yet"));
        }

        IEnumerable<string> expected = s.Identity.Board switch
        {
            BoardKind.RaspberryPi => Everywhere.Concat(RaspberryPi),
            BoardKind.Jetson => Everywhere.Concat(Jetson),
            _ => Everywhere,
        };
        string[] failed = [.. expected.Where(k => s.Sources.TryGetValue(k, out string? v) && v != HardwareSnapshot.Ok).Select(k => $"{k}: {s.Sources[k]}")];
        return Task.FromResult(failed.Length == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded(string.Join("; ", failed)));
    }
}

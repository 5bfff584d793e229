using HardwareProbes.Snapshots;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MonitorWorker.Sampling;

namespace MonitorWorker.Health;

/// <summary>
/// Degraded when a source this machine should have failed, as the snapshot source judges it from the board and the
/// operating system (<see cref="HardwareSnapshot.ExpectedSources"/>): a Pi without vcgencmd, a Jetson without
/// tegrastats, any Linux host without /proc/stat, a CPU temperature sensor that exists and does not answer. Sources
/// that do not apply here (no load average on Windows) never count.
/// </summary>
public sealed class SourcesHealthCheck(SnapshotStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (store.Latest is not HardwareSnapshot s)
        {
            return Task.FromResult(HealthCheckResult.Healthy("no snapshot yet"));
        }

        // The open /health names what failed; why (which often names a file or a command's path) is in /stats sources.
        string[] failed = [.. s.ExpectedFailures.Select(f => f.Key)];
        return Task.FromResult(failed.Length == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded($"{string.Join(", ", failed)} failed; /stats gives the reasons under sources"));
    }
}

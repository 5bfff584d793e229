using System.Globalization;
using HardwareProbes.Jetson;
using HardwareProbes.Snapshots;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MonitorWorker.Sampling;

namespace MonitorWorker.Health;

/// <summary>Degraded while the board is in trouble: throttling or under-voltage now, tegrastats restarting, the CPU at 80 °C or more.</summary>
public sealed class ConditionsHealthCheck(SnapshotStore store) : IHealthCheck
{
    /// <summary>The CPU temperature from which the host is reported degraded; Pi firmware starts soft-throttling at 80 °C.</summary>
    public const double HotCelsius = 80;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (store.Latest is not HardwareSnapshot s)
        {
            return Task.FromResult(HealthCheckResult.Healthy("no snapshot yet"));
        }

        var reasons = new List<string>();
        if (s.RaspberryPi is { } pi)
        {
            if (pi.UnderVoltageNow == true)
            {
                reasons.Add("under-voltage now");
            }

            if (pi.Throttle is { } t && (t.Throttled || t.ArmFrequencyCapped || t.SoftTemperatureLimit))
            {
                reasons.Add($"throttling now (get_throttled 0x{t.Raw:x})");
            }
        }

        if (s.Jetson is { Status: TegrastatsStatus.Restarting } jetson)
        {
            reasons.Add($"tegrastats restarting ({jetson.Restarts} restarts; /stats gives the last error)");
        }

        if (s.CpuTemperatureCelsius is double celsius && celsius >= HotCelsius)
        {
            reasons.Add($"CPU at {celsius.ToString("0.#", CultureInfo.InvariantCulture)} °C (threshold {HotCelsius} °C)");
        }

        return Task.FromResult(reasons.Count == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded(string.Join("; ", reasons)));
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MonitorWorker.PytestMonitor;

/// <summary>Degraded, with the reason, while the pytest-monitor store cannot be used; the rest of the agent is unaffected.</summary>
internal sealed class PytestStoreHealthCheck(PytestStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        => Task.FromResult(store.FailureCause is { } cause
            ? HealthCheckResult.Degraded($"pytest-monitor server unavailable: its database cannot be used ({cause})")
            : HealthCheckResult.Healthy());
}

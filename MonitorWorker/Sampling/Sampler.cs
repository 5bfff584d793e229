using HardwareProbes.Snapshots;
using Microsoft.Extensions.Options;

namespace MonitorWorker.Sampling;

/// <summary>
/// Takes a snapshot every PISTAT_SAMPLE_SECONDS in the background through <see cref="SnapshotStore.SampleAsync"/>,
/// which announces it to every <see cref="ISnapshotSubscriber"/> (live push, the systemd watchdog). The sampler itself
/// knows no feature.
/// </summary>
public sealed partial class Sampler : BackgroundService
{
    private readonly SnapshotStore _store;
    private readonly SamplingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<Sampler> _logger;

    public Sampler(SnapshotStore store, IOptions<SamplingOptions> options, TimeProvider time, ILogger<Sampler> logger)
    {
        _store = store;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Gets when the sampler started.</summary>
    public DateTimeOffset StartedAt { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        StartedAt = _time.GetUtcNow();
        using var timer = new PeriodicTimer(_options.SampleInterval, _time);
        try
        {
            do
            {
                try
                {
                    HardwareSnapshot snapshot = await _store.SampleAsync(stoppingToken).ConfigureAwait(false);
                    LogUnavailableSources(snapshot);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogSampleFailed(_logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: while sampling or while waiting for the next tick.
        }
    }

    private void LogUnavailableSources(HardwareSnapshot snapshot)
    {
        if (!_logger.IsEnabled(LogLevel.Debug))
        {
            return;
        }

        foreach ((string source, string status) in snapshot.Sources)
        {
            if (status != HardwareSnapshot.Ok)
            {
                LogSourceUnavailable(_logger, source, status);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sampling failed")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Source {Source} unavailable: {Reason}")]
    private static partial void LogSourceUnavailable(ILogger logger, string source, string reason);
}

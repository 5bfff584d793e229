using HardwareProbes.Snapshots;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Options;
using MonitorWorker.Configuration;
using MonitorWorker.Push;

namespace MonitorWorker.Sampling;

/// <summary>
/// Takes a snapshot every PISTAT_SAMPLE_SECONDS in the background. After each completed snapshot it pings the systemd
/// watchdog (WATCHDOG=1), so the pings stop exactly when sampling stops making progress, and hands the snapshot to the
/// live-push clients.
/// </summary>
public sealed partial class Sampler : BackgroundService
{
    private readonly SnapshotStore _store;
    private readonly PiStatOptions _options;
    private readonly ISystemdNotifier? _notifier;
    private readonly PushHub _push;
    private readonly TimeProvider _time;
    private readonly ILogger<Sampler> _logger;

    public Sampler(SnapshotStore store, PushHub push, IOptions<PiStatOptions> options, TimeProvider time, ILogger<Sampler> logger, ISystemdNotifier? notifier = null)
    {
        _push = push;
        _store = store;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _notifier = notifier;
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
                    HardwareSnapshot snapshot = await _store.GetFreshAsync().WaitAsync(stoppingToken).ConfigureAwait(false);
                    Feed(snapshot);
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

    private void Feed(HardwareSnapshot snapshot)
    {
        if (_notifier is { IsEnabled: true })
        {
            _notifier.Notify(new ServiceState("WATCHDOG=1"));
        }

        _push.Publish(snapshot);

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

using System.Threading.Channels;
using HardwareProbes.Snapshots;
using Microsoft.Extensions.Options;
using MonitorWorker.Events;
using MonitorWorker.Sampling;
using MonitorWorker.Service;
using Polly;

namespace MonitorWorker.Notifications;

/// <summary>
/// Hears every event as it is recorded (with the readings of that moment), composes the messages off the sampler's
/// thread, keeps them in the <see cref="NotificationOutbox"/>, and delivers each target's in order: one at a time, each
/// attempt limited to <see cref="AttemptTimeout"/>, a failure retried with exponential backoff (from 5 s, at most
/// 10 min between tries, with jitter) until it is delivered or <see cref="NotificationOutbox.Patience"/> has passed.
/// A target that is down holds up only its own messages.
/// </summary>
public sealed partial class NotificationService : BackgroundService
{
    /// <summary>How long one delivery attempt may take.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    private readonly EventLog _log;
    private readonly SnapshotStore _store;
    private readonly NotificationOutbox _outbox;
    private readonly NotificationComposer _composer;
    private readonly IReadOnlyList<NotifyTarget> _targets;
    private readonly TimeProvider _time;
    private readonly ILogger<NotificationService> _logger;
    private readonly string _node;
    private readonly Channel<(AgentEvent Event, NotificationReadings? Readings)> _heard = Channel.CreateUnbounded<(AgentEvent, NotificationReadings?)>(new UnboundedChannelOptions { SingleReader = true });

    public NotificationService(
        EventLog log, SnapshotStore store, NotificationOutbox outbox, IOptions<NotifyOptions> options, SnapshotViews views, TimeProvider time, ILogger<NotificationService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(views);
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _targets = options.Value.Targets;
        _composer = new NotificationComposer(options.Value.MinSeverity, _targets);
        _node = ServiceIdentity.NodeName(views.Demo);
        _log.Added += OnEvent;
    }

    /// <summary>The readings of a snapshot, as a message carries them.</summary>
    public static NotificationReadings? Readings(HardwareSnapshot? snapshot) => snapshot is null ? null : new NotificationReadings(
        Round(snapshot.Cpu.UsagePercent),
        Round(snapshot.CpuTemperatureCelsius),
        Round(snapshot.Memory?.Percent),
        Round(snapshot.LoadAverage?.OneMinute),
        snapshot.RaspberryPi?.Throttle?.UnderVoltage,
        snapshot.RaspberryPi?.Throttle?.Throttled);

    public override void Dispose()
    {
        _log.Added -= OnEvent;
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        Task[] senders = [.. _targets.Select(t => DeliverAsync(t, stoppingToken))];
        try
        {
            await ComposeAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what waits stays in the outbox for the next start.
        }

        await Task.WhenAll(senders).ConfigureAwait(false);
    }

    private void OnEvent(AgentEvent e) => _heard.Writer.TryWrite((e, Readings(_store.Latest)));

    /// <summary>Composes each event heard into the outbox, and once a minute a summary of what the hourly limit held back.</summary>
    private async Task ComposeAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            using (var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                tick.CancelAfter(TimeSpan.FromMinutes(1)); // on the system clock: a summary need not wait for a fake one
                try
                {
                    await _heard.Reader.WaitToReadAsync(tick.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // A minute without events.
                }
            }

            long now = _time.GetUtcNow().ToUnixTimeSeconds();
            while (_heard.Reader.TryRead(out (AgentEvent Event, NotificationReadings? Readings) heard))
            {
                foreach (Notification message in _composer.Compose(heard.Event, _node, heard.Readings, now))
                {
                    _outbox.Add(message);
                }
            }

            foreach (Notification summary in _composer.Tick(_node, now))
            {
                _outbox.Add(summary);
            }
        }
    }

    private async Task DeliverAsync(NotifyTarget target, CancellationToken stoppingToken)
    {
        ResiliencePipeline pipeline = Backoff.Forever(
            _time,
            TimeSpan.FromSeconds(5),
            TimeSpan.FromMinutes(10),
            e => e is System.Net.Sockets.SocketException or IOException or InvalidDataException or System.Security.Authentication.AuthenticationException or NotificationFailedException,
            reason => LogFailed(_logger, target.Display, reason),
            AttemptTimeout);

        while (!stoppingToken.IsCancellationRequested)
        {
            if (_outbox.Next(target.Key) is not (Notification message, long created))
            {
                try
                {
                    await _outbox.WaitAsync(target.Key, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            TimeSpan left = TimeSpan.FromSeconds(created + (long)NotificationOutbox.Patience.TotalSeconds - _time.GetUtcNow().ToUnixTimeSeconds());
            using var patience = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero, _time);
            using var both = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, patience.Token);
            try
            {
                await pipeline.ExecuteAsync(async token => await NotificationSender.SendAsync(target, message, token).ConfigureAwait(false), both.Token).ConfigureAwait(false);
                _outbox.Done(message, delivered: true);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (OperationCanceledException)
            {
                LogGivenUp(_logger, target.Display, message.Title);
                _outbox.Done(message, delivered: false);
            }
        }
    }

    private static double? Round(double? value) => value is double v && double.IsFinite(v) ? Math.Round(v, 1) : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "A notification to {Target} failed ({Reason}); it stays in the outbox and is tried again with backoff for 24 h")]
    private static partial void LogFailed(ILogger logger, string target, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A notification to {Target} was given up after 24 h: {Title}")]
    private static partial void LogGivenUp(ILogger logger, string target, string title);
}

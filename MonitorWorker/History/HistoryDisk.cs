using System.Threading.Channels;
using Microsoft.Extensions.Options;
using MonitorWorker.Events;
using MonitorWorker.Persistence;
using MonitorWorker.Service;

namespace MonitorWorker.History;

/// <summary>
/// Keeps the history and the events on disk (PISTAT_HISTORY_MAX_MB above 0, the data folder held): at the start it
/// reads the earlier runs' events back into the log, says when the run before ended without a clean stop, checks the
/// files; while it runs it writes each event as it happens, the coarse tiers every PISTAT_HISTORY_FLUSH_MINUTES, and
/// the <em>flight recorder</em>; at a clean stop it writes everything still only in RAM, the last hour of samples
/// included, and releases the folder.
/// </summary>
/// <remarks>
/// The flight recorder: when a critical condition starts (an event of <see cref="IsFlightTrigger"/>) the last
/// <see cref="FlightLeadUp"/> of per-sample points are written at once, then the new samples every
/// <see cref="FlightInterval"/> for <see cref="FlightLeadUp"/> after the latest such event, so a brown-out's reboot
/// leaves its lead-up on disk at full resolution. Cost: one thread-pool wake per flush or event; nothing per sample.
/// </remarks>
public sealed partial class HistoryDisk : BackgroundService
{
    /// <summary>How far back the flight recorder writes at its trigger, and how long it keeps writing after it.</summary>
    public static readonly TimeSpan FlightLeadUp = TimeSpan.FromMinutes(5);

    /// <summary>How often the flight recorder writes the new samples while it runs.</summary>
    public static readonly TimeSpan FlightInterval = TimeSpan.FromSeconds(5);

    private readonly HistoryStore _store;
    private readonly EventLog _log;
    private readonly TimeProvider _time;
    private readonly TimeSpan _flushInterval;
    private readonly DataFolderClaim _claim;
    private readonly ILogger<HistoryDisk> _logger;
    private readonly Channel<AgentEvent> _events = Channel.CreateUnbounded<AgentEvent>(new UnboundedChannelOptions { SingleReader = true });
    private long _minutesFrom = long.MinValue;
    private long _quartersFrom = long.MinValue;
    private long _samplesFrom = long.MinValue;
    private long _flightUntil = long.MinValue;
    private long _flightFrom = long.MinValue;

    public HistoryDisk(HistoryStore store, EventLog log, IOptions<HistoryOptions> options, IOptions<DataOptions> data, TimeProvider time, StartTime started, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(started);
        ArgumentNullException.ThrowIfNull(loggers);
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = loggers.CreateLogger<HistoryDisk>();
        _flushInterval = TimeSpan.FromMinutes(options.Value.FlushMinutes);
        string folder = Path.Combine(data.Value.Folder, "history");
        _claim = DataFolderClaim.Take(folder, time, _logger);
        if (!_claim.Held)
        {
            return;
        }

        Archive = new HistoryArchive(folder, options.Value.MaxMegabytes * 1024L * 1024L, time, log, loggers.CreateLogger<HistoryArchive>());
        try
        {
            log.Restore(Archive.ReadEvents());
        }
        catch (IOException e)
        {
            LogUnwritable(_logger, e.Message);
        }

        log.Added += OnEvent;
        if (_claim.UncleanStopAt is DateTimeOffset at)
        {
            log.Add(new AgentEvent(
                started.At.ToUnixTimeSeconds(), EventKinds.UncleanStop, "warning", "agent",
                $"The previous run ended without a clean stop at about {at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC (a power cut, a crash or a kill)"));
        }
    }

    /// <summary>Gets the files, or null when the history is not kept on disk this run (the folder is another agent's or unwritable).</summary>
    public HistoryArchive? Archive { get; }

    /// <summary>Gets why the history is not on disk this run, or null.</summary>
    public string? Failure => _claim.Failure;

    /// <summary>
    /// Whether an event starts the flight recorder: a condition starting, a source failing, anything critical (new
    /// over-current events among them). Counts found at the start, from before the agent, do not: their lead-up is not in
    /// RAM to write.
    /// </summary>
    public static bool IsFlightTrigger(AgentEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Kind is EventKinds.ConditionStart or EventKinds.SourceFailed || e.Severity == "critical";
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (Archive is null)
        {
            return;
        }

        // A clean stop: everything only in RAM goes to disk, then the folder is released (no unclean stop next time).
        Guarded(() =>
        {
            WriteEvents();
            FlushCoarse();
            _samplesFrom = Archive.Write(HistoryArchive.Tier.Samples, _store, _store.Samples, _samplesFrom);
        });
        _claim.Release();
    }

    public override void Dispose()
    {
        _log.Added -= OnEvent;
        _claim.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Archive is null)
        {
            return;
        }

        await Task.Yield();
        Guarded(() =>
        {
            Archive.CheckAll();
            Archive.Prune();
        });
        long nextFlush = Now() + (long)_flushInterval.TotalSeconds;
        while (!stoppingToken.IsCancellationRequested)
        {
            long now = Now();
            long due = _flightUntil >= now ? Math.Min(nextFlush, now + (long)FlightInterval.TotalSeconds) : nextFlush;
            await Waits.ForItemOrDelayAsync(_events.Reader, TimeSpan.FromSeconds(due - now), _time, stoppingToken).ConfigureAwait(false);

            if (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            now = Now();
            Guarded(() =>
            {
                WriteEvents();
                if (_flightFrom != long.MinValue)
                {
                    _samplesFrom = Archive.Write(HistoryArchive.Tier.Samples, _store, _store.Samples, Math.Max(_samplesFrom, _flightFrom));
                    _flightFrom = _flightUntil >= now ? _flightFrom : long.MinValue;
                }

                if (now >= nextFlush)
                {
                    FlushCoarse();
                    Archive.Prune();
                    nextFlush = now + (long)_flushInterval.TotalSeconds;
                }
            });
        }
    }

    private void OnEvent(AgentEvent e)
    {
        if (IsFlightTrigger(e))
        {
            long now = Now();
            _flightFrom = _flightFrom == long.MinValue ? now - (long)FlightLeadUp.TotalSeconds : _flightFrom;
            _flightUntil = now + (long)FlightLeadUp.TotalSeconds;
        }

        _events.Writer.TryWrite(e);
    }

    private void WriteEvents()
    {
        var pending = new List<AgentEvent>();
        while (_events.Reader.TryRead(out AgentEvent? e))
        {
            pending.Add(e);
        }

        if (pending.Count > 0)
        {
            Archive!.WriteEvents(pending);
            _claim.Touch(_time.GetUtcNow());
        }
    }

    private void FlushCoarse()
    {
        _minutesFrom = Archive!.Write(HistoryArchive.Tier.Minutes, _store, _store.Minutes, _minutesFrom);
        _quartersFrom = Archive.Write(HistoryArchive.Tier.QuarterHours, _store, _store.QuarterHours, _quartersFrom);
        _claim.Touch(_time.GetUtcNow());
    }

    /// <summary>A write that fails (disk full, the card gone read-only) is logged; the history goes on in RAM and the next flush tries again.</summary>
    private void Guarded(Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogUnwritable(_logger, e.Message);
        }
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeSeconds();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The history could not be written to disk (it is kept in RAM and tried again at the next flush): {Reason}")]
    private static partial void LogUnwritable(ILogger logger, string reason);
}

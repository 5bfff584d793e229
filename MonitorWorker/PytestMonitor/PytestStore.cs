using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using MonitorWorker.Persistence;
using static MonitorWorker.Persistence.SqliteDatabase;

namespace MonitorWorker.PytestMonitor;

/// <summary>Whose metrics: a context's or a session's.</summary>
internal enum MetricsOf
{
    Context,
    Session,
}

/// <summary>What became of a posted metric.</summary>
internal enum MetricOutcome
{
    Stored,
    UnknownSession,
    UnknownContext,
}

/// <summary>
/// The pytest-monitor server's data (<c>pytest-monitor.db</c> in PISTAT_DATA_PATH), and every statement on it:
/// execution contexts, sessions and per-test metrics with what the agent saw during each test. After each write the
/// limits are kept in the background, off the request: metrics older than PISTAT_DATA_RETENTION_DAYS go, then the oldest
/// metrics until the data is under PISTAT_DATA_MAX_MB. When the file cannot be used this feature alone stops, with
/// <see cref="Failure"/> saying why; it tries again at the next request.
/// </summary>
internal sealed partial class PytestStore : IDisposable, IAsyncDisposable
{
    public const string FileName = "pytest-monitor.db";

    /// <summary>The schema, one statement list per version (<c>PRAGMA user_version</c>); a new version appends a migration.</summary>
    private static readonly string[] Schema =
    [
        """
        CREATE TABLE IF NOT EXISTS contexts (
            h TEXT PRIMARY KEY, cpu_count INTEGER NOT NULL, cpu_frequency REAL NOT NULL, cpu_type TEXT NOT NULL,
            cpu_vendor TEXT NOT NULL, ram_total INTEGER NOT NULL, machine_node TEXT NOT NULL, machine_type TEXT NOT NULL,
            machine_arch TEXT NOT NULL, system_info TEXT NOT NULL, python_info TEXT NOT NULL, created_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS sessions (
            h TEXT PRIMARY KEY, run_date TEXT NOT NULL, scm_ref TEXT NOT NULL, description TEXT NOT NULL, created_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS metrics (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            session_h TEXT NOT NULL REFERENCES sessions(h), context_h TEXT NOT NULL REFERENCES contexts(h),
            item_start_time TEXT NOT NULL, item_path TEXT NOT NULL, item TEXT NOT NULL, item_variant TEXT NOT NULL,
            item_fs_loc TEXT NOT NULL, kind TEXT NOT NULL, component TEXT NOT NULL, total_time REAL NOT NULL,
            user_time REAL NOT NULL, kernel_time REAL NOT NULL, cpu_usage REAL NOT NULL, mem_usage REAL NOT NULL,
            hw_samples INTEGER NOT NULL, hw_resolution_seconds REAL, hw_max_cpu_temperature_c REAL,
            hw_mean_cpu_frequency_mhz REAL, hw_throttled INTEGER, hw_under_voltage INTEGER, hw_mean_power_mw REAL,
            hw_reason TEXT, created_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS metrics_context ON metrics(context_h, id);
        CREATE INDEX IF NOT EXISTS metrics_session ON metrics(session_h, id);
        CREATE INDEX IF NOT EXISTS metrics_created ON metrics(created_at);
        """,
    ];

    private const string ContextColumns = "h, cpu_count, cpu_frequency, cpu_type, cpu_vendor, ram_total, machine_node, machine_type, machine_arch, system_info, python_info";

    private const string MetricColumns = "session_h, context_h, item_start_time, item_path, item, item_variant, item_fs_loc, kind, component, total_time, user_time, kernel_time, cpu_usage, mem_usage, hw_samples, hw_resolution_seconds, hw_max_cpu_temperature_c, hw_mean_cpu_frequency_mhz, hw_throttled, hw_under_voltage, hw_mean_power_mw, hw_reason";

    private const string ByPrefix = "WHERE h LIKE $p ESCAPE '\\'";

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;
    private readonly ILogger<PytestStore> _logger;
    private int _pruneQueued;
    private volatile Task _pruning = Task.CompletedTask;

    public PytestStore(IOptions<DataOptions> data, IOptions<PytestMonitorOptions> options, TimeProvider time, ILogger<PytestStore> logger)
    {
        PytestMonitorOptions o = options.Value;
        _time = time;
        _logger = logger;
        Folder = data.Value.Folder;
        MaxBytes = (long)o.DataMaxMb * 1024 * 1024;
        Retention = TimeSpan.FromDays(o.DataRetentionDays);
        _database = new SqliteDatabase(Path.Combine(Folder, FileName), Schema, logger);
    }

    public string Folder { get; }

    public long MaxBytes { get; }

    public TimeSpan Retention { get; }

    /// <summary>Gets the schema version this agent writes.</summary>
    public static int SchemaVersion => Schema.Length;

    /// <summary>Gets why the store is unusable, or null while it works.</summary>
    public string? Failure => _database.Failure;

    /// <summary>Gets why the store is unavailable without the file's path (for the open /health), while it is.</summary>
    public string? FailureCause => _database.FailureCause;

    /// <summary>Gets the upkeep started by the latest write (done when there is none), for whoever needs the limits kept.</summary>
    public Task Pruning => _pruning;

    /// <summary>The unit's StateDirectory (systemd sets $STATE_DIRECTORY), else <c>data/</c> beside the program.</summary>
    /// <summary>Stores a context unless one with its hash exists; returns the stored one.</summary>
    public Task<StoredContext> AddContextAsync(StoredContext c, CancellationToken cancellationToken) => WriteAsync((connection, transaction) =>
    {
        Execute(connection, transaction,
            $"INSERT OR IGNORE INTO contexts ({ContextColumns}, created_at) VALUES ($h, $count, $freq, $type, $vendor, $ram, $node, $mtype, $arch, $system, $python, $now)",
            ("$h", c.H), ("$count", c.CpuCount), ("$freq", c.CpuFrequency), ("$type", c.CpuType), ("$vendor", c.CpuVendor), ("$ram", c.RamTotal),
            ("$node", c.MachineNode), ("$mtype", c.MachineType), ("$arch", c.MachineArch), ("$system", c.SystemInfo), ("$python", c.PythonInfo), ("$now", Now));
        return ReadContexts(connection, "WHERE h = $p", [("$p", c.H)], 1, 0)[0];
    }, cancellationToken);

    /// <summary>Stores a session unless one with its hash exists; returns the stored one.</summary>
    public Task<StoredSession> AddSessionAsync(string h, string runDate, string scmRef, string description, CancellationToken cancellationToken) => WriteAsync((connection, transaction) =>
    {
        Execute(connection, transaction,
            "INSERT OR IGNORE INTO sessions (h, run_date, scm_ref, description, created_at) VALUES ($h, $run, $scm, $description, $now)",
            ("$h", h), ("$run", runDate), ("$scm", scmRef), ("$description", description), ("$now", Now));
        return ReadSessions(connection, "WHERE h = $p", [("$p", h)], 1, 0)[0];
    }, cancellationToken);

    /// <summary>Stores a metric whose session and context are stored; otherwise nothing, and which one is unknown.</summary>
    public Task<MetricOutcome> AddMetricAsync(StoredMetric metric, CancellationToken cancellationToken) => WriteAsync((connection, transaction) =>
    {
        if (Scalar(connection, "SELECT count(*) FROM sessions WHERE h = $h", ("$h", metric.SessionH)) == 0)
        {
            return MetricOutcome.UnknownSession;
        }

        if (Scalar(connection, "SELECT count(*) FROM contexts WHERE h = $h", ("$h", metric.ContextH)) == 0)
        {
            return MetricOutcome.UnknownContext;
        }

        InsertMetric(connection, transaction, metric);
        return MetricOutcome.Stored;
    }, cancellationToken);

    /// <summary>Stores many metrics in one transaction, their session and context taken as stored (a bulk import).</summary>
    public Task AddMetricsAsync(IReadOnlyList<StoredMetric> metrics, CancellationToken cancellationToken) => WriteAsync((connection, transaction) =>
    {
        foreach (StoredMetric metric in metrics)
        {
            InsertMetric(connection, transaction, metric);
        }

        return metrics.Count;
    }, cancellationToken);

    /// <summary>How many contexts are stored.</summary>
    public long CountContexts() => _database.Read(c => Scalar(c, "SELECT count(*) FROM contexts"));

    /// <summary>How many sessions are stored.</summary>
    public long CountSessions() => _database.Read(c => Scalar(c, "SELECT count(*) FROM sessions"));

    /// <summary>How many metrics a context or session has.</summary>
    public long CountMetrics(MetricsOf of, string h) => _database.Read(c => Scalar(c, $"SELECT count(*) FROM metrics {Owner(of)}", ("$p", h)));

    /// <summary>A page of the contexts (those whose hash starts with <paramref name="prefix"/>, when given), and how many match.</summary>
    public (long Total, List<StoredContext> Items) Contexts(string? prefix, int limit, long offset)
        => Page("contexts", prefix is null ? "" : ByPrefix, Like(prefix), limit, offset, ReadContexts);

    /// <summary>A page of the sessions (those whose hash starts with <paramref name="prefix"/>, when given), and how many match.</summary>
    public (long Total, List<StoredSession> Items) Sessions(string? prefix, int limit, long offset)
        => Page("sessions", prefix is null ? "" : ByPrefix, Like(prefix), limit, offset, ReadSessions);

    /// <summary>A page of a context's or session's metrics, oldest first, and how many it has.</summary>
    public (long Total, List<StoredMetric> Items) Metrics(MetricsOf of, string h, int limit, long offset)
        => Page("metrics", Owner(of), [("$p", h)], limit, offset, ReadMetrics);

    /// <summary>Gets the bytes the data takes.</summary>
    public long UsedBytes() => _database.Read(SqliteDatabase.UsedBytes);

    /// <summary>Lets the upkeep under way finish (it holds the file open), then closes.</summary>
    public async ValueTask DisposeAsync()
    {
        await _pruning.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _database.Dispose();
    }

    public void Dispose()
    {
        _pruning.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
        _database.Dispose();
    }

    private long Now => _time.GetUtcNow().ToUnixTimeSeconds();

    private static string Owner(MetricsOf of) => of == MetricsOf.Context ? "WHERE context_h = $p" : "WHERE session_h = $p";

    private static (string, object?)[] Like(string? prefix)
        => prefix is null ? [] : [("$p", prefix.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%")];

    private (long Total, List<T> Items) Page<T>(string table, string where, (string, object?)[] parameters, int limit, long offset, Func<SqliteConnection, string, (string, object?)[], int, long, List<T>> read)
        => _database.Read(c =>
        {
            long total = Scalar(c, $"SELECT count(*) FROM {table} {where}", parameters);
            return (total, offset >= total ? [] : read(c, where, parameters, limit, offset));
        });

    private async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> write, CancellationToken cancellationToken)
    {
        T result = await _database.WriteAsync(write, cancellationToken).ConfigureAwait(false);
        if (Interlocked.Exchange(ref _pruneQueued, 1) == 0)
        {
            _pruning = Task.Run(PruneAsync, CancellationToken.None);
        }

        return result;
    }

    /// <summary>Drops what is past the retention, then the oldest metrics while the data is over the size limit.</summary>
    private async Task PruneAsync()
    {
        try
        {
            int dropped = await _database.WriteAsync((c, t) =>
            {
                Volatile.Write(ref _pruneQueued, 0); // a write after this point queues the next round
                long cutoff = Now - (long)Retention.TotalSeconds;
                int count = Execute(c, t, "DELETE FROM metrics WHERE created_at < $cutoff", ("$cutoff", cutoff));
                Execute(c, t, "DELETE FROM sessions WHERE created_at < $cutoff AND NOT EXISTS (SELECT 1 FROM metrics m WHERE m.session_h = sessions.h)", ("$cutoff", cutoff));
                Execute(c, t, "DELETE FROM contexts WHERE created_at < $cutoff AND NOT EXISTS (SELECT 1 FROM metrics m WHERE m.context_h = contexts.h)", ("$cutoff", cutoff));
                for (int round = 0; round < 64 && SqliteDatabase.UsedBytes(c) > MaxBytes; round++)
                {
                    long left = Scalar(c, "SELECT count(*) FROM metrics");
                    if (left == 0)
                    {
                        break;
                    }

                    // A tenth of the metrics at a time, the oldest first: few rounds, and the newest kept.
                    count += Execute(c, t, "DELETE FROM metrics WHERE id IN (SELECT id FROM metrics ORDER BY id LIMIT $n)", ("$n", Math.Max(1, left / 10)));
                }

                return count;
            }, CancellationToken.None).ConfigureAwait(false);
            if (dropped > 0)
            {
                await _database.MaintainAsync(c => Execute(c, null, "PRAGMA incremental_vacuum"), CancellationToken.None).ConfigureAwait(false);
                LogPruned(_logger, dropped);
            }
        }
        catch (StoreUnavailableException)
        {
            // Already logged and shown in /health. The file may have failed before the round began: let the next write
            // queue another.
            Volatile.Write(ref _pruneQueued, 0);
        }
    }

    private void InsertMetric(SqliteConnection connection, SqliteTransaction transaction, StoredMetric m)
    {
        HardwareDuringTest w = m.Hardware;
        Execute(connection, transaction,
            $"INSERT INTO metrics ({MetricColumns}, created_at) VALUES ($s, $c, $start, $path, $item, $variant, $loc, $kind, $component, $total, $user, $kernel, $cpu, $mem, $samples, $resolution, $temp, $freq, $throttled, $under, $power, $reason, $now)",
            ("$s", m.SessionH), ("$c", m.ContextH), ("$start", m.ItemStartTime), ("$path", m.ItemPath), ("$item", m.Item), ("$variant", m.ItemVariant),
            ("$loc", m.ItemFsLoc), ("$kind", m.Kind), ("$component", m.Component), ("$total", m.TotalTime), ("$user", m.UserTime), ("$kernel", m.KernelTime),
            ("$cpu", m.CpuUsage), ("$mem", m.MemUsage), ("$samples", w.Samples), ("$resolution", w.ResolutionSeconds), ("$temp", w.MaxCpuTemperatureC),
            ("$freq", w.MeanCpuFrequencyMhz), ("$throttled", w.Throttled), ("$under", w.UnderVoltage), ("$power", w.MeanPowerMw), ("$reason", w.Reason), ("$now", Now));
    }

    private static List<StoredContext> ReadContexts(SqliteConnection connection, string where, (string, object?)[] parameters, int limit, long offset)
        => ReadAll(connection, $"SELECT {ContextColumns} FROM contexts {where} ORDER BY created_at, h LIMIT {limit} OFFSET {offset}", parameters, r =>
            new StoredContext(r.GetString(0), r.GetInt32(1), r.GetDouble(2), r.GetString(3), r.GetString(4), r.GetInt64(5), r.GetString(6), r.GetString(7), r.GetString(8), r.GetString(9), r.GetString(10)));

    private static List<StoredSession> ReadSessions(SqliteConnection connection, string where, (string, object?)[] parameters, int limit, long offset)
        => ReadAll(connection, $"SELECT h, run_date, scm_ref, description FROM sessions {where} ORDER BY created_at, h LIMIT {limit} OFFSET {offset}", parameters, r =>
            new StoredSession(r.GetString(0), r.GetString(1), r.GetString(2), Tags(r.GetString(3))));

    private static List<StoredMetric> ReadMetrics(SqliteConnection connection, string where, (string, object?)[] parameters, int limit, long offset)
        => ReadAll(connection, $"SELECT {MetricColumns} FROM metrics {where} ORDER BY id LIMIT {limit} OFFSET {offset}", parameters, r =>
        {
            var hardware = new HardwareDuringTest(r.GetInt32(14), Nullable(r, 15), Nullable(r, 16), Nullable(r, 17),
                r.IsDBNull(18) ? null : r.GetInt64(18) != 0, r.IsDBNull(19) ? null : r.GetInt64(19) != 0, Nullable(r, 20), r.IsDBNull(21) ? null : r.GetString(21));
            return new StoredMetric(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
                r.GetString(7), r.GetString(8), r.GetDouble(9), r.GetDouble(10), r.GetDouble(11), r.GetDouble(12), r.GetDouble(13), hardware);
        });

    private static List<T> ReadAll<T>(SqliteConnection connection, string sql, (string, object?)[] parameters, Func<SqliteDataReader, T> row)
    {
        using SqliteCommand command = Command(connection, sql, parameters);
        using SqliteDataReader r = command.ExecuteReader();
        var list = new List<T>();
        while (r.Read())
        {
            list.Add(row(r));
        }

        return list;
    }

    private static double? Nullable(SqliteDataReader r, int column) => r.IsDBNull(column) ? null : r.GetDouble(column);

    /// <summary>A stored description (a flat JSON object) as tags, in its order.</summary>
    private static List<SessionTag> Tags(string description)
    {
        using JsonDocument document = JsonDocument.Parse(description);
        return [.. document.RootElement.EnumerateObject().Select(p => new SessionTag(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()))];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped {Count} stored test metrics (PISTAT_DATA_RETENTION_DAYS, PISTAT_DATA_MAX_MB)")]
    private static partial void LogPruned(ILogger logger, int count);
}

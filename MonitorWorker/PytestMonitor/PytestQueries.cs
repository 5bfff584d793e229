using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace MonitorWorker.PytestMonitor;

/// <summary>The statements of the pytest-monitor server: inserts, lookups, counts and pages.</summary>
internal static class PytestQueries
{
    private const string ContextColumns = "h, cpu_count, cpu_frequency, cpu_type, cpu_vendor, ram_total, machine_node, machine_type, machine_arch, system_info, python_info";

    private const string MetricColumns = "session_h, context_h, item_start_time, item_path, item, item_variant, item_fs_loc, kind, component, total_time, user_time, kernel_time, cpu_usage, mem_usage, hw_samples, hw_resolution_seconds, hw_max_cpu_temperature_c, hw_mean_cpu_frequency_mhz, hw_throttled, hw_under_voltage, hw_mean_power_mw, hw_reason";

    /// <summary>Stores a context unless one with its hash exists; returns the stored one.</summary>
    public static StoredContext InsertContext(SqliteConnection connection, SqliteTransaction transaction, StoredContext c, long now)
    {
        using SqliteCommand insert = PytestStore.Command(connection,
            $"INSERT OR IGNORE INTO contexts ({ContextColumns}, created_at) VALUES ($h, $count, $freq, $type, $vendor, $ram, $node, $mtype, $arch, $system, $python, $now)",
            ("$h", c.H), ("$count", c.CpuCount), ("$freq", c.CpuFrequency), ("$type", c.CpuType), ("$vendor", c.CpuVendor), ("$ram", c.RamTotal),
            ("$node", c.MachineNode), ("$mtype", c.MachineType), ("$arch", c.MachineArch), ("$system", c.SystemInfo), ("$python", c.PythonInfo), ("$now", now));
        insert.Transaction = transaction;
        insert.ExecuteNonQuery();
        return Contexts(connection, "WHERE h = $h", [("$h", c.H)], 1, 0)[0];
    }

    /// <summary>Stores a session unless one with its hash exists; returns the stored one.</summary>
    public static StoredSession InsertSession(SqliteConnection connection, SqliteTransaction transaction, string h, string runDate, string scmRef, string description, long now)
    {
        using SqliteCommand insert = PytestStore.Command(connection,
            "INSERT OR IGNORE INTO sessions (h, run_date, scm_ref, description, created_at) VALUES ($h, $run, $scm, $description, $now)",
            ("$h", h), ("$run", runDate), ("$scm", scmRef), ("$description", description), ("$now", now));
        insert.Transaction = transaction;
        insert.ExecuteNonQuery();
        return Sessions(connection, "WHERE h = $h", [("$h", h)], 1, 0)[0];
    }

    public static bool Exists(SqliteConnection connection, string table, string h)
        => PytestStore.Scalar(connection, $"SELECT count(*) FROM {table} WHERE h = $h", ("$h", h)) > 0;

    public static void InsertMetric(SqliteConnection connection, SqliteTransaction transaction, StoredMetric m, long now)
    {
        HardwareDuringTest w = m.Hardware;
        using SqliteCommand insert = PytestStore.Command(connection,
            $"INSERT INTO metrics ({MetricColumns}, created_at) VALUES ($s, $c, $start, $path, $item, $variant, $loc, $kind, $component, $total, $user, $kernel, $cpu, $mem, $samples, $resolution, $temp, $freq, $throttled, $under, $power, $reason, $now)",
            ("$s", m.SessionH), ("$c", m.ContextH), ("$start", m.ItemStartTime), ("$path", m.ItemPath), ("$item", m.Item), ("$variant", m.ItemVariant),
            ("$loc", m.ItemFsLoc), ("$kind", m.Kind), ("$component", m.Component), ("$total", m.TotalTime), ("$user", m.UserTime), ("$kernel", m.KernelTime),
            ("$cpu", m.CpuUsage), ("$mem", m.MemUsage), ("$samples", w.Samples), ("$resolution", w.ResolutionSeconds), ("$temp", w.MaxCpuTemperatureC),
            ("$freq", w.MeanCpuFrequencyMhz), ("$throttled", w.Throttled), ("$under", w.UnderVoltage), ("$power", w.MeanPowerMw), ("$reason", w.Reason), ("$now", now));
        insert.Transaction = transaction;
        insert.ExecuteNonQuery();
    }

    public static long Count(SqliteConnection connection, string table, string where = "", params (string Name, object? Value)[] parameters)
        => PytestStore.Scalar(connection, $"SELECT count(*) FROM {table} {where}", parameters);

    public static List<StoredContext> Contexts(SqliteConnection connection, string where, (string, object?)[] parameters, int limit, int offset)
    {
        using SqliteCommand command = PytestStore.Command(connection, $"SELECT {ContextColumns} FROM contexts {where} ORDER BY created_at, h LIMIT {limit} OFFSET {offset}", parameters);
        using SqliteDataReader r = command.ExecuteReader();
        var list = new List<StoredContext>();
        while (r.Read())
        {
            list.Add(new StoredContext(r.GetString(0), r.GetInt32(1), r.GetDouble(2), r.GetString(3), r.GetString(4), r.GetInt64(5),
                r.GetString(6), r.GetString(7), r.GetString(8), r.GetString(9), r.GetString(10)));
        }

        return list;
    }

    public static List<StoredSession> Sessions(SqliteConnection connection, string where, (string, object?)[] parameters, int limit, int offset)
    {
        using SqliteCommand command = PytestStore.Command(connection, $"SELECT h, run_date, scm_ref, description FROM sessions {where} ORDER BY created_at, h LIMIT {limit} OFFSET {offset}", parameters);
        using SqliteDataReader r = command.ExecuteReader();
        var list = new List<StoredSession>();
        while (r.Read())
        {
            list.Add(new StoredSession(r.GetString(0), r.GetString(1), r.GetString(2), Tags(r.GetString(3))));
        }

        return list;
    }

    public static List<StoredMetric> Metrics(SqliteConnection connection, string where, (string, object?)[] parameters, int limit, int offset)
    {
        using SqliteCommand command = PytestStore.Command(connection, $"SELECT {MetricColumns} FROM metrics {where} ORDER BY id LIMIT {limit} OFFSET {offset}", parameters);
        using SqliteDataReader r = command.ExecuteReader();
        var list = new List<StoredMetric>();
        while (r.Read())
        {
            var hardware = new HardwareDuringTest(r.GetInt32(14), Nullable(r, 15), Nullable(r, 16), Nullable(r, 17),
                r.IsDBNull(18) ? null : r.GetInt64(18) != 0, r.IsDBNull(19) ? null : r.GetInt64(19) != 0, Nullable(r, 20), r.IsDBNull(21) ? null : r.GetString(21));
            list.Add(new StoredMetric(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
                r.GetString(7), r.GetString(8), r.GetDouble(9), r.GetDouble(10), r.GetDouble(11), r.GetDouble(12), r.GetDouble(13), hardware));
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
}

using System.ComponentModel.DataAnnotations;
using MonitorWorker.Configuration;
using static MonitorWorker.Configuration.SettingValues;

namespace MonitorWorker.PytestMonitor;

/// <summary>How large the pytest-monitor database may grow and how long it keeps test metrics.</summary>
public sealed class PytestMonitorOptions
{
    public const int MaxDataMb = 100_000;
    public const int MaxRetentionDays = 36_500;

    /// <summary>Gets or sets the largest the pytest-monitor database may grow, in MB; the oldest metrics go first (PISTAT_DATA_MAX_MB).</summary>
    /// <value>The default value is 64 MB.</value>
    [Range(1, MaxDataMb)]
    public int DataMaxMb { get; set; } = 64;

    /// <summary>Gets or sets how many days stored test metrics are kept (PISTAT_DATA_RETENTION_DAYS).</summary>
    /// <value>The default value is 90 days.</value>
    [Range(1, MaxRetentionDays)]
    public int DataRetentionDays { get; set; } = 90;

    /// <summary>Gets this feature's PISTAT_ variables.</summary>
    public static IReadOnlyList<Setting<PytestMonitorOptions>> Settings { get; } =
    [
        new("PISTAT_DATA_MAX_MB", $"megabytes from 1 to {MaxDataMb}", o => Show(o.DataMaxMb),
            (v, o) => WholeNumber(v, 1, MaxDataMb, "is not a number of megabytes", x => o.DataMaxMb = x)),
        new("PISTAT_DATA_RETENTION_DAYS", $"days from 1 to {MaxRetentionDays}", o => Show(o.DataRetentionDays),
            (v, o) => WholeNumber(v, 1, MaxRetentionDays, "is not a number of days", x => o.DataRetentionDays = x)),
    ];
}

using System.ComponentModel.DataAnnotations;
using MonitorWorker.Configuration;
using static MonitorWorker.Configuration.SettingValues;

namespace MonitorWorker.History;

/// <summary>How far back the per-sample tier of the history reaches.</summary>
public sealed class HistoryOptions
{
    public const int MaxHistorySeconds = 7 * 24 * 3600;

    /// <value>The default value is 3600 seconds.</value>
    [Range(0, MaxHistorySeconds)]
    public int HistorySeconds { get; set; } = 3600;

    /// <summary>Gets this feature's PISTAT_ variables.</summary>
    public static IReadOnlyList<Setting<HistoryOptions>> Settings { get; } =
    [
        new("PISTAT_HISTORY_SECONDS", $"seconds from 0 to {MaxHistorySeconds}", o => Show(o.HistorySeconds),
            (v, o) => WholeNumber(v, 0, MaxHistorySeconds, "is not a number of seconds", x => o.HistorySeconds = x)),
    ];
}

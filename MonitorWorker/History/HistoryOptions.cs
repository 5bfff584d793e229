using System.ComponentModel.DataAnnotations;
using MonitorWorker.Configuration;
using static MonitorWorker.Configuration.SettingValues;

namespace MonitorWorker.History;

/// <summary>How far back the per-sample tier of the history reaches, and how the history is kept on disk.</summary>
public sealed class HistoryOptions
{
    public const int MaxHistorySeconds = 7 * 24 * 3600;

    /// <summary>The smallest disk budget: a day's 1-minute file and a month's events and 15-minute points fit.</summary>
    public const int MinMegabytes = 4;

    /// <value>The default value is 3600 seconds.</value>
    [Range(0, MaxHistorySeconds)]
    public int HistorySeconds { get; set; } = 3600;

    /// <summary>
    /// Gets or sets the most megabytes the history and event files under the data folder's <c>history/</c> may take
    /// (the oldest go first); 0 keeps the history and the events in RAM only.
    /// </summary>
    /// <value>The default value is 64.</value>
    [Range(0, 1_000_000)]
    public int MaxMegabytes { get; set; } = 64;

    /// <summary>Gets or sets the minutes between writes of the 1- and 15-minute tiers to disk: at most this much is lost to a power cut.</summary>
    /// <value>The default value is 10.</value>
    [Range(1, 1440)]
    public int FlushMinutes { get; set; } = 10;

    /// <summary>Gets a value indicating whether the history and the events are kept on disk.</summary>
    public bool OnDisk => MaxMegabytes > 0;

    /// <summary>Gets this feature's PISTAT_ variables.</summary>
    public static IReadOnlyList<Setting<HistoryOptions>> Settings { get; } =
    [
        new("PISTAT_HISTORY_SECONDS", $"seconds from 0 to {MaxHistorySeconds}", o => Show(o.HistorySeconds),
            (v, o) => WholeNumber(v, 0, MaxHistorySeconds, "is not a number of seconds", x => o.HistorySeconds = x)),
        new("PISTAT_HISTORY_MAX_MB", $"0 (RAM only) or megabytes from {MinMegabytes} to 1000000", o => Show(o.MaxMegabytes),
            (v, o) => WholeNumber(v, 0, 1_000_000, "is not a number of megabytes", x => o.MaxMegabytes = x)
                ?? (o.MaxMegabytes is > 0 and < MinMegabytes ? $"is below {MinMegabytes} MB, too little for a day of history (0 keeps it in RAM)" : null)),
        new("PISTAT_HISTORY_FLUSH_MINUTES", "minutes from 1 to 1440", o => Show(o.FlushMinutes),
            (v, o) => WholeNumber(v, 1, 1440, "is not a number of minutes", x => o.FlushMinutes = x)),
    ];
}

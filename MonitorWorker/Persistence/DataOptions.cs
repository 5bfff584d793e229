using MonitorWorker.Configuration;
using static MonitorWorker.Configuration.SettingValues;

namespace MonitorWorker.Persistence;

/// <summary>The folder where the service keeps what it stores.</summary>
public sealed class DataOptions
{
    /// <summary>
    /// Gets or sets the folder of stored data (PISTAT_DATA_PATH); null for the unit's state directory
    /// ($STATE_DIRECTORY) or, without one, a <c>data</c> folder beside the program.
    /// </summary>
    /// <value>The default value is null.</value>
    public string? DataPath { get; set; }

    /// <summary>Gets the folder to use: <see cref="DataPath"/>, else $STATE_DIRECTORY's first entry, else <c>data</c> beside the program.</summary>
    public string Folder => DataPath
        ?? (Environment.GetEnvironmentVariable("STATE_DIRECTORY") is { Length: > 0 } state ? state.Split(':')[0] : Path.Combine(AppContext.BaseDirectory, "data"));

    /// <summary>Gets this feature's PISTAT_ variables.</summary>
    public static IReadOnlyList<Setting<DataOptions>> Settings { get; } =
    [
        new("PISTAT_DATA_PATH", "a directory (created when missing)", o => o.DataPath ?? "($STATE_DIRECTORY, else data/ beside the program)",
            (v, o) => v.Length > 0 && v.IndexOfAny(Path.GetInvalidPathChars()) < 0 ? Set(() => o.DataPath = Path.GetFullPath(v)) : "is not a path"),
    ];
}

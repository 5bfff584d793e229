using MonitorWorker.Configuration;
using static MonitorWorker.Configuration.SettingValues;

namespace MonitorWorker.Demo;

/// <summary>The fixture board served as a demo instead of this machine's hardware.</summary>
public sealed class DemoOptions
{
    /// <summary>Gets or sets the fixture board folder served as a demo (PISTAT_DEMO), or null for this machine's own hardware.</summary>
    /// <value>The default value is none.</value>
    public string? Board { get; set; }

    /// <summary>Gets the demo board's name (its folder's name), or null when this machine is served.</summary>
    public string? Name => Board is null ? null : DemoBoards.NameOf(Board);

    /// <summary>Gets this feature's PISTAT_ variables.</summary>
    public static IReadOnlyList<Setting<DemoOptions>> Settings { get; } =
    [
        new("PISTAT_DEMO", "a fixture board (raspberry-pi-4, jetson-orin-nano, x86-server, …) or a board folder with a proc/ tree", o => o.Board ?? "(off)",
            (v, o) => DemoBoards.Find(v, out string? error) is string board ? Set(() => o.Board = board) : error),
    ];
}

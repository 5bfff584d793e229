using HardwareProbes.RaspberryPi;

namespace MonitorWorker.History;

/// <summary>
/// Names of history series that more than the recorder reads by name (the fleet's sparklines, a pytest-monitor test's
/// hardware summary, a peer's <c>/api/history</c>): written here once.
/// </summary>
public static class HistorySeriesNames
{
    /// <summary>The CPU's busy share over all cores, in percent.</summary>
    public const string CpuUsage = "cpu.usage";

    /// <summary>The CPU temperature the agent reports as <c>cpu_temp</c>, in °C.</summary>
    public const string CpuTemperature = "cpu.temp";

    /// <summary>A Raspberry Pi condition's live 0/1 series: <c>pi.</c> and the condition's name (<c>pi.freq_capped</c>).</summary>
    public static string Throttle(ThrottleConditions now) => "pi." + ThrottleFlag.All.Single(f => f.Now == now).Name;
}

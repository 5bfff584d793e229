using HardwareProbes.Identity;

namespace HardwareProbes.Snapshots;

/// <summary>The sources a board should have: one missing from a snapshot is a failure, not an absence.</summary>
internal static class ExpectedSources
{
    private static readonly string[] Everywhere = [SourceNames.CpuTimes, SourceNames.Memory, SourceNames.LoadAverage, SourceNames.Uptime, SourceNames.NetDev];
    private static readonly string[] OnRaspberryPi = [.. Everywhere, SourceNames.Vcgencmd, SourceNames.Throttled];
    private static readonly string[] OnJetson = [.. Everywhere, SourceNames.Tegrastats];

    /// <summary>What this board should have; the CPU's temperature only where a CPU sensor exists (it then has an entry).</summary>
    public static string[] For(BoardKind board, Dictionary<string, string> sources)
    {
        string[] expected = board switch
        {
            BoardKind.RaspberryPi => OnRaspberryPi,
            BoardKind.Jetson => OnJetson,
            _ => Everywhere,
        };
        return sources.ContainsKey(SourceNames.CpuTemperature) ? [.. expected, SourceNames.CpuTemperature] : expected;
    }
}

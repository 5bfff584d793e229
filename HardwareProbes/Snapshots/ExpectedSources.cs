using HardwareProbes.Identity;

namespace HardwareProbes.Snapshots;

/// <summary>The sources a board should have: one missing from a snapshot is a failure, not an absence.</summary>
internal static class ExpectedSources
{
    private static readonly string[] Everywhere = [SourceNames.CpuTimes, SourceNames.Memory, SourceNames.LoadAverage, SourceNames.Uptime, SourceNames.NetDev];
    private static readonly string[] OnRaspberryPi = [.. Everywhere, SourceNames.Vcgencmd, SourceNames.Throttled];
    private static readonly string[] OnJetson = [.. Everywhere, SourceNames.Tegrastats];

    /// <summary>Sources expected only where they have an entry: a CPU sensor that exists, a UPS that is configured.</summary>
    private static readonly string[] WhereTheyExist = [SourceNames.CpuTemperature, SourceNames.Ups];

    /// <summary>What this board should have; the CPU's temperature and the UPS only where they have an entry (a CPU sensor exists, PISTAT_NUT_URL is set).</summary>
    public static string[] For(BoardKind board, Dictionary<string, string> sources)
    {
        string[] expected = board switch
        {
            BoardKind.RaspberryPi => OnRaspberryPi,
            BoardKind.Jetson => OnJetson,
            _ => Everywhere,
        };
        return sources.ContainsKey(SourceNames.CpuTemperature) || sources.ContainsKey(SourceNames.Ups)
            ? [.. expected, .. WhereTheyExist.Where(sources.ContainsKey)]
            : expected;
    }
}

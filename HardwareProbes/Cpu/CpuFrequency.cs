namespace HardwareProbes.Cpu;

/// <summary>The range a cpufreq value must be in to be a clock.</summary>
internal static class CpuFrequency
{
    /// <summary>The highest cpufreq value accepted, in kHz (100 GHz): above it the file is not a clock.</summary>
    public const long MaxKhz = 100_000_000;

    /// <summary>Whether a cpufreq value is a clock: above 0 and at most <see cref="MaxKhz"/>.</summary>
    public static bool PlausibleKhz(long khz) => khz is > 0 and <= MaxKhz;

    /// <summary>The reason a cpufreq file's value is not used.</summary>
    public static string ImplausibleKhz(string path, long khz) => $"{path}: {khz} kHz is outside 1 to {MaxKhz} kHz";
}

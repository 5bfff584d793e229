namespace HardwareProbes.Jetson;

/// <summary>What only a Jetson reports: tegrastats' view (per-core load, GPU, rails, zones) and the GPU from sysfs.</summary>
/// <param name="Sample">The newest tegrastats line, or null when tegrastats has printed none (absent, starting, restarting).</param>
/// <param name="SampleAgeSeconds">The age of <paramref name="Sample"/>, in seconds.</param>
/// <param name="Status">Where the tegrastats child stands.</param>
/// <param name="Restarts">How many times tegrastats has been restarted.</param>
/// <param name="LastError">Why tegrastats last ended or is absent, or null.</param>
/// <param name="GpuLoadPercent">GPU load: tegrastats' GR3D, else sysfs <c>gpu.0/load</c> (per mille ÷ 10), in percent.</param>
/// <param name="GpuFrequencyMhz">GPU frequency: tegrastats' GR3D (first GPC), else devfreq <c>cur_freq</c>, in MHz.</param>
/// <param name="GpuLoadSource">Where <paramref name="GpuLoadPercent"/> came from: <c>tegrastats</c>, <c>sysfs</c>, or null.</param>
/// <param name="GpuFrequencySource">Where <paramref name="GpuFrequencyMhz"/> came from: <c>tegrastats</c>, <c>sysfs</c>, or null (non-root tegrastats prints no frequency).</param>
public sealed record JetsonReading(
    TegrastatsSample? Sample,
    double? SampleAgeSeconds,
    TegrastatsStatus Status,
    int Restarts,
    string? LastError,
    double? GpuLoadPercent,
    double? GpuFrequencyMhz,
    string? GpuLoadSource,
    string? GpuFrequencySource)
{
    /// <summary>Gets the power mode nvpmodel last set (<c>/var/lib/nvpmodel/status</c>, named by <c>/etc/nvpmodel.conf</c>); null where nvpmodel has not run.</summary>
    public PowerMode? PowerMode { get; init; }

    /// <summary>Gets the over-current event counters of the <c>soctherm_oc</c> hwmon chip (Orin); empty where the kernel has none.</summary>
    public IReadOnlyList<OverCurrentCounter> OverCurrent { get; init; } = [];

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        Printing.Member(builder, nameof(Sample), Sample, first: true);
        Printing.Member(builder, nameof(SampleAgeSeconds), SampleAgeSeconds);
        Printing.Member(builder, nameof(Status), Status);
        Printing.Member(builder, nameof(Restarts), Restarts);
        Printing.Member(builder, nameof(LastError), LastError);
        Printing.Member(builder, nameof(GpuLoadPercent), GpuLoadPercent);
        Printing.Member(builder, nameof(GpuFrequencyMhz), GpuFrequencyMhz);
        Printing.Member(builder, nameof(GpuLoadSource), GpuLoadSource);
        Printing.Member(builder, nameof(GpuFrequencySource), GpuFrequencySource);
        Printing.Member(builder, nameof(PowerMode), PowerMode);
        Printing.List(builder, nameof(OverCurrent), OverCurrent);
        return true;
    }
}

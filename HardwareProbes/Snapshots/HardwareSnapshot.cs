using HardwareProbes.Cpu;
using HardwareProbes.Host;
using HardwareProbes.Identity;
using HardwareProbes.Memory;
using HardwareProbes.Network;
using HardwareProbes.Storage;
using HardwareProbes.Thermal;

namespace HardwareProbes.Snapshots;

/// <summary>
/// Everything the machine told at one moment. A field is null when its source could not be read;
/// <see cref="Sources"/> then says why.
/// </summary>
/// <param name="Timestamp">When the snapshot was taken.</param>
/// <param name="Identity">Static facts about the machine.</param>
/// <param name="Cpu">CPU usage and frequencies.</param>
/// <param name="CpuTemperatureCelsius">The CPU's temperature, from the zone or sensor that names the CPU, else the first zone.</param>
/// <param name="Temperatures">Every thermal zone and hwmon temperature input.</param>
/// <param name="Memory">Physical memory.</param>
/// <param name="Swap">Swap space.</param>
/// <param name="LoadAverage">Load averages.</param>
/// <param name="UptimeSeconds">Seconds since boot.</param>
/// <param name="DiskIo">I/O counters over whole disks.</param>
/// <param name="Filesystems">Usage of each configured mount point that could be queried, in configured order.</param>
/// <param name="NetworkInterfaces">Counters of every interface, <c>lo</c> included.</param>
/// <param name="WirelessSignalDbm">Signal level by associated wireless interface, in dBm.</param>
/// <param name="ActiveConnections">TCP sockets (IPv4 and IPv6) not in LISTEN state.</param>
/// <param name="UsbDevices">USB devices, root hubs included.</param>
/// <param name="RaspberryPi">Raspberry Pi figures (throttling, VideoCore clocks and voltage, firmware); null on other boards.</param>
/// <param name="Jetson">Jetson figures (tegrastats sample, GPU); null on other boards.</param>
/// <param name="Sources">Each source by name: <c>ok</c>, or why it is unavailable (naming the file and, for bad contents, the line).</param>
public sealed record HardwareSnapshot(
    DateTimeOffset Timestamp,
    DeviceIdentity Identity,
    CpuReading Cpu,
    double? CpuTemperatureCelsius,
    IReadOnlyList<TemperatureReading> Temperatures,
    MemoryReading? Memory,
    SwapReading? Swap,
    LoadAverage? LoadAverage,
    double? UptimeSeconds,
    DiskIoCounters? DiskIo,
    IReadOnlyList<FilesystemUsage> Filesystems,
    IReadOnlyList<InterfaceCounters>? NetworkInterfaces,
    IReadOnlyDictionary<string, int>? WirelessSignalDbm,
    int? ActiveConnections,
    int? UsbDevices,
    RaspberryPi.RaspberryPiReading? RaspberryPi,
    Jetson.JetsonReading? Jetson,
    IReadOnlyDictionary<string, string> Sources)
{
    /// <summary>The value of a <see cref="Sources"/> entry whose source was read.</summary>
    public const string Ok = SourceStatus.Ok;

    /// <summary>
    /// Gets the sources this machine should have, as the snapshot source judged from its board and operating system
    /// (procfs counters everywhere on Linux, vcgencmd and the throttling mask on a Raspberry Pi, tegrastats on a Jetson,
    /// the CPU's temperature sensor wherever one exists). One of them failing is a fault of this machine; any other
    /// source failing, or not applicable, is not.
    /// </summary>
    public IReadOnlyCollection<string> ExpectedSources { get; init; } = [];

    /// <summary>Gets where a source stands; a source with no entry is not applicable.</summary>
    /// <param name="source">A name from <see cref="SourceNames"/>.</param>
    /// <returns>Its state.</returns>
    public SourceState StateOf(string source)
        => Sources.TryGetValue(source, out string? status) ? SourceStatus.StateOf(status) : SourceState.NotApplicable;

    /// <summary>Gets the expected sources that failed, each with its reason.</summary>
    public IEnumerable<KeyValuePair<string, string>> ExpectedFailures
        => ExpectedSources.Where(name => StateOf(name) == SourceState.Failed).Select(name => KeyValuePair.Create(name, Sources[name]));
}

using System.Text;
using HardwareProbes.Cpu;
using HardwareProbes.Machine;
using HardwareProbes.Identity;
using HardwareProbes.Jetson;
using HardwareProbes.Memory;
using HardwareProbes.Network;
using HardwareProbes.RaspberryPi;
using HardwareProbes.Sensors;
using HardwareProbes.Storage;
using HardwareProbes.Thermal;

namespace HardwareProbes.Snapshots;

/// <summary>
/// Everything the machine told at one moment. A reading is null (or a list is empty) when its source could not be
/// read or does not apply here; <see cref="Sources"/> then says why.
/// </summary>
/// <remarks>
/// Readings are init-only properties, so a reading added in a later version is one more property: code that builds
/// snapshots (a fake for tests) keeps compiling.
/// </remarks>
public sealed record HardwareSnapshot
{
    /// <summary>The value of a <see cref="Sources"/> entry whose source was read.</summary>
    public const string Ok = SourceStatus.Ok;

    /// <summary>Gets when the snapshot was taken.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets static facts about the machine: board, model, serial, CPU model, OS release.</summary>
    public required DeviceIdentity Identity { get; init; }

    /// <summary>Gets CPU usage and frequencies, per core with the kernel's ids.</summary>
    public required CpuReading Cpu { get; init; }

    /// <summary>Gets the CPU's temperature, from the zone or sensor that names the CPU, else the first zone, in °C.</summary>
    public double? CpuTemperatureCelsius { get; init; }

    /// <summary>
    /// Gets the GPU's temperature in °C: on a Raspberry Pi the SoC sensor the GPU shares with the CPU; on a Jetson its
    /// GPU thermal zone, else tegrastats' <c>gpu</c> sensor; null elsewhere.
    /// </summary>
    public double? GpuTemperatureCelsius { get; init; }

    /// <summary>Gets every thermal zone and hwmon temperature input.</summary>
    public IReadOnlyList<TemperatureReading> Temperatures { get; init; } = [];

    /// <summary>Gets every fan: RPM and duty cycle.</summary>
    public IReadOnlyList<FanReading> Fans { get; init; } = [];

    /// <summary>Gets every thermal cooling device with its current and highest step.</summary>
    public IReadOnlyList<CoolingDeviceReading> CoolingDevices { get; init; } = [];

    /// <summary>Gets every IIO sensor channel and every hwmon sensor chip's humidity, voltage, current and power input.</summary>
    public IReadOnlyList<SensorReading> Sensors { get; init; } = [];

    /// <summary>Gets the UPS read through its NUT server; null without one, or while it cannot be read (see the <c>ups</c> source).</summary>
    public Ups.UpsReading? Ups { get; init; }

    /// <summary>Gets physical memory, from <c>/proc/meminfo</c> (or the Windows memory status).</summary>
    public MemoryReading? Memory { get; init; }

    /// <summary>Gets swap space.</summary>
    public SwapReading? Swap { get; init; }

    /// <summary>Gets the load averages; null on Windows, which has none.</summary>
    public LoadAverage? LoadAverage { get; init; }

    /// <summary>Gets seconds since boot.</summary>
    public double? UptimeSeconds { get; init; }

    /// <summary>Gets I/O counters summed over whole disks.</summary>
    public DiskIoCounters? DiskIo { get; init; }

    /// <summary>Gets the wear figures of each eMMC device (none for SD cards, which report none), read hourly.</summary>
    public IReadOnlyList<EmmcHealth> Emmc { get; init; } = [];

    /// <summary>Gets the usage of each configured mount point that could be queried, in configured order.</summary>
    public IReadOnlyList<FilesystemUsage> Filesystems { get; init; } = [];

    /// <summary>Gets the counters of every network interface, <c>lo</c> included.</summary>
    public IReadOnlyList<InterfaceCounters>? NetworkInterfaces { get; init; }

    /// <summary>Gets each interface's traffic per second since the previous snapshot; null for the first snapshot.</summary>
    public IReadOnlyList<InterfaceRate>? NetworkRates { get; init; }

    /// <summary>Gets disk traffic per second since the previous snapshot; null for the first snapshot.</summary>
    public DiskIoRate? DiskRates { get; init; }

    /// <summary>Gets the signal level of each associated wireless interface, in dBm.</summary>
    public IReadOnlyDictionary<string, int>? WirelessSignalDbm { get; init; }

    /// <summary>Gets how many TCP sockets (IPv4 and IPv6) are not in LISTEN state.</summary>
    public int? ActiveConnections { get; init; }

    /// <summary>Gets how many USB devices there are, root hubs included.</summary>
    public int? UsbDevices { get; init; }

    /// <summary>Gets Raspberry Pi figures (throttling, VideoCore clocks and voltage, firmware); null on other boards.</summary>
    public RaspberryPiReading? RaspberryPi { get; init; }

    /// <summary>Gets Jetson figures (the tegrastats sample, GPU load and clock); null on other boards.</summary>
    public JetsonReading? Jetson { get; init; }

    /// <summary>
    /// Gets every core with the best figures any source gave: the kernel's (procfs and cpufreq) first, tegrastats'
    /// clock where cpufreq has none, and tegrastats' cores where procfs gave none at all.
    /// </summary>
    public IReadOnlyList<CpuCore> CombinedCores { get; init; } = [];

    /// <summary>Gets physical memory in use: <see cref="Memory"/>'s figures, else tegrastats' RAM; null when neither has one.</summary>
    public MemoryUse? CombinedRam { get; init; }

    /// <summary>Gets swap in use: <see cref="Swap"/>'s figures, else tegrastats' SWAP; null when neither has one.</summary>
    public MemoryUse? CombinedSwap { get; init; }

    /// <summary>Gets each source by name (see <see cref="SourceNames"/>): <see cref="Ok"/>, or why it is unavailable, naming the file and, for bad contents, the line.</summary>
    public required IReadOnlyDictionary<string, string> Sources { get; init; }

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

    private bool PrintMembers(StringBuilder builder)
    {
        Printing.Member(builder, nameof(Timestamp), Timestamp, first: true);
        Printing.Member(builder, nameof(Identity), Identity);
        Printing.Member(builder, nameof(Cpu), Cpu);
        Printing.Member(builder, nameof(CpuTemperatureCelsius), CpuTemperatureCelsius);
        Printing.Member(builder, nameof(GpuTemperatureCelsius), GpuTemperatureCelsius);
        Printing.List(builder, nameof(Temperatures), Temperatures);
        Printing.List(builder, nameof(Fans), Fans);
        Printing.List(builder, nameof(CoolingDevices), CoolingDevices);
        Printing.List(builder, nameof(Sensors), Sensors);
        Printing.Member(builder, nameof(Ups), Ups);
        Printing.Member(builder, nameof(Memory), Memory);
        Printing.Member(builder, nameof(Swap), Swap);
        Printing.Member(builder, nameof(LoadAverage), LoadAverage);
        Printing.Member(builder, nameof(UptimeSeconds), UptimeSeconds);
        Printing.Member(builder, nameof(DiskIo), DiskIo);
        Printing.List(builder, nameof(Filesystems), Filesystems);
        Printing.List(builder, nameof(Emmc), Emmc);
        Printing.List(builder, nameof(NetworkInterfaces), NetworkInterfaces);
        Printing.List(builder, nameof(NetworkRates), NetworkRates);
        Printing.Member(builder, nameof(DiskRates), DiskRates);
        Printing.Map(builder, nameof(WirelessSignalDbm), WirelessSignalDbm);
        Printing.Member(builder, nameof(ActiveConnections), ActiveConnections);
        Printing.Member(builder, nameof(UsbDevices), UsbDevices);
        Printing.Member(builder, nameof(RaspberryPi), RaspberryPi);
        Printing.Member(builder, nameof(Jetson), Jetson);
        Printing.List(builder, nameof(CombinedCores), CombinedCores);
        Printing.Member(builder, nameof(CombinedRam), CombinedRam);
        Printing.Member(builder, nameof(CombinedSwap), CombinedSwap);
        Printing.Map(builder, nameof(Sources), Sources);
        Printing.List(builder, nameof(ExpectedSources), ExpectedSources);
        Printing.Map(builder, nameof(ExpectedFailures), ExpectedFailures);
        return true;
    }
}

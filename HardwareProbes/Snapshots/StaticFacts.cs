using HardwareProbes.Cpu;
using HardwareProbes.Identity;
using HardwareProbes.IO;
using HardwareProbes.Storage;
using HardwareProbes.Thermal;

namespace HardwareProbes.Snapshots;

/// <summary>
/// What changes rarely and is read once per refresh interval: identity, the present CPUs with their nominal
/// maximum frequency, and the list of temperature sensors with their names. Paths are built here once so the
/// sampling path does not build them again.
/// </summary>
internal sealed class StaticFacts
{
    private StaticFacts(
        DeviceIdentity identity,
        IReadOnlyList<int>? presentCpus,
        Dictionary<int, double?> maxFrequencyMhz,
        Dictionary<int, string> currentFrequencyPaths,
        IReadOnlyList<SensorFile> sensors,
        Dictionary<string, string> sources)
    {
        Identity = identity;
        PresentCpus = presentCpus;
        MaxFrequencyMhz = maxFrequencyMhz;
        CurrentFrequencyPaths = currentFrequencyPaths;
        Sensors = sensors;
        Sources = sources;
    }

    /// <summary>Facts of a machine whose static files could not be read at all: every per-sample reading still works.</summary>
    public static StaticFacts Empty { get; } = new(
        new DeviceIdentity(BoardKind.Linux, null, null, null, null, null, null), null, [], [], [], new Dictionary<string, string>(StringComparer.Ordinal));

    public DeviceIdentity Identity { get; }

    /// <summary>CPUs the kernel lists in <c>present</c>, or null when that file is unreadable.</summary>
    public IReadOnlyList<int>? PresentCpus { get; }

    public Dictionary<int, double?> MaxFrequencyMhz { get; }

    public Dictionary<int, string> CurrentFrequencyPaths { get; }

    public IReadOnlyList<SensorFile> Sensors { get; }

    /// <summary>The fans found: hwmon tachometer and PWM channels, and a Jetson's pwm-fan device.</summary>
    public IReadOnlyList<FanFile> Fans { get; private init; } = [];

    /// <summary>The thermal cooling devices found, with their type and highest step.</summary>
    public IReadOnlyList<CoolingFile> CoolingDevices { get; private init; } = [];

    /// <summary>The wear figures of every eMMC device; they change over months, so they are read with the static facts.</summary>
    public IReadOnlyList<EmmcHealth> Emmc { get; private init; } = [];

    /// <summary>The hwmon chips, listed once per refresh for every reader of hwmon (sensors, fans, the board probes).</summary>
    public IReadOnlyList<HwmonChip> Hwmon { get; private init; } = [];

    /// <summary>The IIO and hwmon sensor channels (humidity, pressure, light, volts, amperes, watts).</summary>
    public IReadOnlyList<HardwareProbes.Sensors.SensorChannel> SensorChannels { get; private init; } = [];

    /// <summary>The mount table, empty when <c>/proc/mounts</c> could not be read.</summary>
    public IReadOnlyList<MountEntry> Mounts { get; private init; } = [];

    /// <summary>The status of the static sources, copied into every snapshot.</summary>
    public Dictionary<string, string> Sources { get; }

    public static StaticFacts Read(ProbeFiles files)
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        DeviceIdentity identity = IdentityReader.Read(files, sources);

        string cpuRoot = $"{files.Sys}/devices/system/cpu";
        IReadOnlyList<int>? present = files.TryParse($"{cpuRoot}/present", static t => CpuList.Parse(t), out IReadOnlyList<int>? ids, out string? failure)
            ? ids
            : null;
        sources[SourceNames.CpuPresent] = failure ?? HardwareSnapshot.Ok;

        var max = new Dictionary<int, double?>();
        var current = new Dictionary<int, string>();
        IEnumerable<int> cpus = present ?? identity.CpuInfo?.ProcessorIds ?? [];
        string? cpufreqFailure = null;
        foreach (int id in cpus)
        {
            string dir = $"{cpuRoot}/cpu{id}/cpufreq";
            if (files.TryReadInt64($"{dir}/cpuinfo_max_freq", out long khz, out string? why) && CpuFrequency.PlausibleKhz(khz))
            {
                max[id] = khz / 1000.0;
            }
            else
            {
                max[id] = null;
                cpufreqFailure ??= why ?? CpuFrequency.ImplausibleKhz($"{dir}/cpuinfo_max_freq", khz);
            }

            // Read every sample only where cpufreq exists (a VM has none): a missing file would throw on every sample.
            if (files.FileSystem.File.Exists($"{dir}/scaling_cur_freq"))
            {
                current[id] = $"{dir}/scaling_cur_freq";
            }
        }

        sources[SourceNames.CpuMaxFrequency] = cpufreqFailure ?? HardwareSnapshot.Ok;
        IReadOnlyList<HwmonChip> hwmon = HwmonChip.Walk(files, out string? hwmonFailure);
        sources[SourceNames.Hwmon] = hwmonFailure ?? HardwareSnapshot.Ok;
        IReadOnlyList<SensorFile> sensors = SensorDiscovery.Discover(files, hwmon, sources);
        // Mounts change rarely (a USB disk plugged in); the hourly refresh is enough for naming the device and the
        // filesystem type of the configured mount points.
        IReadOnlyList<MountEntry> mounts = files.TryParse($"{files.Proc}/mounts", static t => MountTable.Parse(t), out IReadOnlyList<MountEntry>? table, out string? mountsFailure)
            ? table!
            : [];
        sources[SourceNames.Mounts] = mountsFailure ?? HardwareSnapshot.Ok;
        return new StaticFacts(identity, present, max, current, sensors, sources)
        {
            Mounts = mounts,
            Hwmon = hwmon,
            SensorChannels = HardwareProbes.Sensors.SensorChannels.Discover(files, hwmon),
            Fans = CoolingDiscovery.DiscoverFans(files, hwmon, sources),
            CoolingDevices = CoolingDiscovery.DiscoverDevices(files, sources),
            Emmc = EmmcReader.Read(files, sources),
        };
    }

}

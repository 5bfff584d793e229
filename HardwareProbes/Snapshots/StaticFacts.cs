using HardwareProbes.Cpu;
using HardwareProbes.Identity;
using HardwareProbes.IO;
using HardwareProbes.Storage;

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

    /// <summary>The highest cpufreq value accepted, in kHz (100 GHz): above it the file is not a clock.</summary>
    public const long MaxKhz = 100_000_000;

    /// <summary>Whether a cpufreq value is a clock: above 0 and at most <see cref="MaxKhz"/>.</summary>
    public static bool PlausibleKhz(long khz) => khz is > 0 and <= MaxKhz;

    public static string ImplausibleKhz(string path, long khz) => $"{path}: {khz} kHz is outside 1 to {MaxKhz} kHz";

    public DeviceIdentity Identity { get; }

    /// <summary>CPUs the kernel lists in <c>present</c>, or null when that file is unreadable.</summary>
    public IReadOnlyList<int>? PresentCpus { get; }

    public Dictionary<int, double?> MaxFrequencyMhz { get; }

    public Dictionary<int, string> CurrentFrequencyPaths { get; }

    public IReadOnlyList<SensorFile> Sensors { get; }

    /// <summary>The mount table, empty when <c>/proc/mounts</c> could not be read.</summary>
    public IReadOnlyList<MountEntry> Mounts { get; private init; } = [];

    /// <summary>The status of the static sources, copied into every snapshot.</summary>
    public Dictionary<string, string> Sources { get; }

    public static StaticFacts Read(ProbeFiles files)
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        DeviceIdentity identity = ReadIdentity(files, sources);

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
            if (files.TryReadInt64($"{dir}/cpuinfo_max_freq", out long khz, out string? why) && PlausibleKhz(khz))
            {
                max[id] = khz / 1000.0;
            }
            else
            {
                max[id] = null;
                cpufreqFailure ??= why ?? ImplausibleKhz($"{dir}/cpuinfo_max_freq", khz);
            }

            // Read every sample only where cpufreq exists (a VM has none): a missing file would throw on every sample.
            if (files.FileSystem.File.Exists($"{dir}/scaling_cur_freq"))
            {
                current[id] = $"{dir}/scaling_cur_freq";
            }
        }

        sources[SourceNames.CpuMaxFrequency] = cpufreqFailure ?? HardwareSnapshot.Ok;
        IReadOnlyList<SensorFile> sensors = DiscoverSensors(files, sources);
        // Mounts change rarely (a USB disk plugged in); the hourly refresh is enough for naming the device and the
        // filesystem type of the configured mount points.
        IReadOnlyList<MountEntry> mounts = files.TryParse($"{files.Proc}/mounts", static t => MountTable.Parse(t), out IReadOnlyList<MountEntry>? table, out string? mountsFailure)
            ? table!
            : [];
        sources[SourceNames.Mounts] = mountsFailure ?? HardwareSnapshot.Ok;
        return new StaticFacts(identity, present, max, current, sensors, sources) { Mounts = mounts };
    }

    private static DeviceIdentity ReadIdentity(ProbeFiles files, Dictionary<string, string> sources)
    {
        CpuInfo? cpuInfo = files.TryParse($"{files.Proc}/cpuinfo", static t => CpuInfo.Parse(t), out CpuInfo? info, out string? failure) ? info : null;
        sources[SourceNames.CpuInfo] = failure ?? HardwareSnapshot.Ok;

        string? model = ReadDeviceTree(files, "model", out string? modelFailure);
        string? compatible = ReadDeviceTreeList(files, "compatible");
        if (model is null && cpuInfo?.Model is null)
        {
            model = ReadDmiModel(files);
        }

        model ??= cpuInfo?.Model;
        sources[SourceNames.Model] = model is not null ? HardwareSnapshot.Ok : $"no device-tree, cpuinfo or DMI model ({modelFailure})";

        string? serial = ReadDeviceTree(files, "serial-number", out string? serialFailure) ?? cpuInfo?.Serial;
        sources[SourceNames.Serial] = serial is not null ? HardwareSnapshot.Ok : $"no device-tree or cpuinfo serial ({serialFailure})";

        TegraRelease? tegra = files.TryParse($"{files.Etc}/nv_tegra_release", static t => TegraRelease.Parse(t), out TegraRelease? release, out string? tegraFailure)
            ? release
            : null;
        sources[SourceNames.TegraRelease] = tegraFailure ?? HardwareSnapshot.Ok;

        string? cpuModel = cpuInfo?.ModelName ?? ArmCpuParts.Name(cpuInfo?.Vendor, cpuInfo?.Part);
        BoardKind board = BoardDetector.Detect(model, compatible, cpuInfo, tegra);
        return new DeviceIdentity(board, model, serial, cpuModel, cpuInfo, tegra, null);
    }

    /// <summary>Reads a device-tree property through procfs, falling back to sysfs's firmware copy.</summary>
    private static string? ReadDeviceTree(ProbeFiles files, string property, out string? failure)
    {
        if (files.TryReadString($"{files.Proc}/device-tree/{property}", out string? value, out failure)
            || files.TryReadString($"{files.Sys}/firmware/devicetree/base/{property}", out value, out _))
        {
            failure = null;
            return value;
        }

        return null;
    }

    private static string? ReadDeviceTreeList(ProbeFiles files, string property)
        => files.TryParse($"{files.Proc}/device-tree/{property}", static t => t.ToString(), out string? list, out _)
            || files.TryParse($"{files.Sys}/firmware/devicetree/base/{property}", static t => t.ToString(), out list, out _)
            ? list
            : null;

    private static string? ReadDmiModel(ProbeFiles files)
    {
        string dmi = $"{files.Sys}/class/dmi/id";
        files.TryReadString($"{dmi}/sys_vendor", out string? vendor, out _);
        files.TryReadString($"{dmi}/product_name", out string? product, out _);
        return (vendor, product) switch
        {
            (null, null) => null,
            (null, _) => product,
            (_, null) => vendor,
            _ => $"{vendor} {product}",
        };
    }

    private static List<SensorFile> DiscoverSensors(ProbeFiles files, Dictionary<string, string> sources)
    {
        var sensors = new List<SensorFile>();
        string thermal = $"{files.Sys}/class/thermal";
        IReadOnlyList<string> zones = files.ListNames(thermal, "thermal_zone*", out string? failure);
        sources[SourceNames.Thermal] = failure ?? (zones.Count == 0 ? $"{thermal}: no thermal zones" : HardwareSnapshot.Ok);
        foreach (string zone in zones)
        {
            string name = files.TryReadString($"{thermal}/{zone}/type", out string? type, out _) ? type : zone;
            sensors.Add(new SensorFile(name, zone, $"{thermal}/{zone}/temp"));
        }

        string hwmonRoot = $"{files.Sys}/class/hwmon";
        IReadOnlyList<string> chips = files.ListNames(hwmonRoot, "hwmon*", out failure);
        sources[SourceNames.Hwmon] = failure ?? (chips.Count == 0 ? $"{hwmonRoot}: no hwmon devices" : HardwareSnapshot.Ok);
        foreach (string chip in chips)
        {
            string dir = $"{hwmonRoot}/{chip}";
            string chipName = files.TryReadString($"{dir}/name", out string? named, out _) ? named : chip;
            foreach (string input in files.ListNames(dir, "temp*_input", out _))
            {
                string channel = input[..^"_input".Length];
                string label = files.TryReadString($"{dir}/{channel}_label", out string? text, out _) ? text : channel;
                sensors.Add(new SensorFile($"{chipName} {label}", $"{chip}/{channel}", $"{dir}/{input}"));
            }
        }

        return sensors;
    }
}

/// <summary>A temperature input found at discovery: its display name, short source id and file.</summary>
internal sealed record SensorFile(string Name, string Source, string Path);

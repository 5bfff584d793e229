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

    /// <summary>The fans found: hwmon tachometer and PWM channels, and a Jetson's pwm-fan device.</summary>
    public IReadOnlyList<FanFile> Fans { get; private init; } = [];

    /// <summary>The thermal cooling devices found, with their type and highest step.</summary>
    public IReadOnlyList<CoolingFile> CoolingDevices { get; private init; } = [];

    /// <summary>The wear figures of every eMMC device; they change over months, so they are read with the static facts.</summary>
    public IReadOnlyList<EmmcHealth> Emmc { get; private init; } = [];

    /// <summary>The hwmon chips, listed once per refresh for every reader of hwmon (sensors, fans, the board probes).</summary>
    public IReadOnlyList<HwmonChip> Hwmon { get; private init; } = [];

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
        IReadOnlyList<HwmonChip> hwmon = HwmonChip.Walk(files, out string? hwmonFailure);
        sources[SourceNames.Hwmon] = hwmonFailure ?? HardwareSnapshot.Ok;
        IReadOnlyList<SensorFile> sensors = DiscoverSensors(files, hwmon, sources);
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
            Fans = DiscoverFans(files, hwmon, sources),
            CoolingDevices = DiscoverCoolingDevices(files, sources),
            Emmc = ReadEmmc(files, sources),
        };
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

    private static List<FanFile> DiscoverFans(ProbeFiles files, IReadOnlyList<HwmonChip> hwmon, Dictionary<string, string> sources)
    {
        var fans = new List<FanFile>();
        foreach ((string chip, string dir, string chipName) in hwmon)
        {
            var channels = new SortedSet<int>();
            foreach (string name in files.ListNames(dir, "fan*_input", out _))
            {
                AddChannel(channels, name.AsSpan(3, name.Length - 3 - "_input".Length));
            }

            foreach (string name in files.ListNames(dir, "pwm*", out _))
            {
                AddChannel(channels, name.AsSpan(3)); // pwm1, not pwm1_enable or pwm1_mode
            }

            if (channels.Count == 0)
            {
                continue;
            }

            foreach (int channel in channels)
            {
                string rpm = $"{dir}/fan{channel}_input", pwm = $"{dir}/pwm{channel}";
                bool hasRpm = files.FileSystem.File.Exists(rpm), hasPwm = files.FileSystem.File.Exists(pwm);
                string label = files.TryReadString($"{dir}/fan{channel}_label", out string? text, out _) ? text : $"fan{channel}";
                fans.Add(new FanFile($"{chipName} {label}", $"{chip}/fan{channel}", hasRpm ? rpm : null, hasPwm ? pwm : null, null));
            }
        }

        // Jetson Nano, TX1/TX2 and Xavier (JetPack 4): the pwm-fan platform device; later releases moved to hwmon pwmfan.
        string legacy = $"{files.Sys}/devices/pwm-fan";
        if (files.FileSystem.File.Exists($"{legacy}/target_pwm"))
        {
            string rpm = $"{legacy}/rpm_measured", current = $"{legacy}/cur_pwm";
            fans.Add(new FanFile("pwm-fan", "pwm-fan", files.FileSystem.File.Exists(rpm) ? rpm : null, files.FileSystem.File.Exists(current) ? current : null, $"{legacy}/target_pwm"));
        }

        if (fans.Count > 0)
        {
            sources[SourceNames.Fans] = HardwareSnapshot.Ok; // each sample then says whether every fan read
        }

        return fans;
    }

    private static List<EmmcHealth> ReadEmmc(ProbeFiles files, Dictionary<string, string> sources)
    {
        var devices = new List<EmmcHealth>();
        string block = $"{files.Sys}/block";
        foreach (string device in files.ListNames(block, "mmcblk*", out _))
        {
            string dir = $"{block}/{device}/device";
            if (!files.FileSystem.File.Exists($"{dir}/life_time") && !files.FileSystem.File.Exists($"{dir}/pre_eol_info"))
            {
                continue; // an SD card: no extended CSD, no wear figures
            }

            string? failure = null;
            (int? A, int? B) life = files.TryParse($"{dir}/life_time", static t => EmmcHealth.ParseLifeTime(t), out (int? A, int? B) parsed, out string? why) ? parsed : default;
            failure ??= why;
            int? preEol = files.TryParse($"{dir}/pre_eol_info", static t => EmmcHealth.ParsePreEol(t), out int? eol, out why) ? eol : null;
            failure ??= why;
            devices.Add(new EmmcHealth(device, life.A, life.B, preEol, failure));
        }

        if (devices.Count > 0)
        {
            sources[SourceNames.Emmc] = devices.Select(d => d.Failure).FirstOrDefault(f => f is not null) ?? HardwareSnapshot.Ok;
        }

        return devices;
    }

    private static void AddChannel(SortedSet<int> channels, ReadOnlySpan<char> digits)
    {
        if (int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int channel))
        {
            channels.Add(channel);
        }
    }

    private static List<CoolingFile> DiscoverCoolingDevices(ProbeFiles files, Dictionary<string, string> sources)
    {
        var devices = new List<CoolingFile>();
        string thermal = $"{files.Sys}/class/thermal";
        foreach (string device in files.ListNames(thermal, "cooling_device*", out _))
        {
            string dir = $"{thermal}/{device}";
            string type = files.TryReadString($"{dir}/type", out string? named, out _) ? named : device;
            long? max = null;
            string? maxFailure = null;
            if (files.TryReadInt64($"{dir}/max_state", out long value, out string? failure))
            {
                (max, maxFailure) = value >= 0 ? (value, null) : ((long?)null, $"{dir}/max_state: {value} is negative");
            }
            else
            {
                maxFailure = failure;
            }

            devices.Add(new CoolingFile(type, device, $"{dir}/cur_state", max, maxFailure));
        }

        if (devices.Count > 0)
        {
            sources[SourceNames.CoolingDevices] = HardwareSnapshot.Ok;
        }

        return devices;
    }

    private static List<SensorFile> DiscoverSensors(ProbeFiles files, IReadOnlyList<HwmonChip> hwmon, Dictionary<string, string> sources)
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

        foreach ((string chip, string dir, string chipName) in hwmon)
        {
            IReadOnlyList<string> inputs = files.ListNames(dir, "temp*_input", out _);
            if (MirroredZone(sensors, chipName, inputs, files.ListNames(dir, "device", out _).Count > 0) is int zone)
            {
                // The kernel's hwmon view of a thermal zone: the same sensor under a second name, kept as its alias.
                sensors[zone] = sensors[zone] with { Alias = $"{chipName} temp1" };
                continue;
            }

            foreach (string input in inputs)
            {
                string channel = input[..^"_input".Length];
                string label = files.TryReadString($"{dir}/{channel}_label", out string? text, out _) ? text : channel;
                sensors.Add(new SensorFile($"{chipName} {label}", $"{chip}/{channel}", $"{dir}/{input}"));
            }
        }

        return sensors;
    }

    /// <summary>
    /// The thermal zone an hwmon chip only mirrors, or null. The kernel registers a thermal zone with hwmon as a
    /// virtual chip (no <c>device</c> link) named after the zone's type with each '-' made '_', holding the zone's
    /// temperature as <c>temp1</c> alone: the Pi's <c>cpu-thermal</c> zone is also the <c>cpu_thermal</c> chip.
    /// </summary>
    private static int? MirroredZone(List<SensorFile> zones, string chipName, IReadOnlyList<string> inputs, bool hasDevice)
    {
        if (hasDevice || inputs.Count != 1 || inputs[0] != "temp1_input")
        {
            return null;
        }

        for (int i = 0; i < zones.Count; i++)
        {
            if (zones[i].Source.StartsWith("thermal_zone", StringComparison.Ordinal) && zones[i].Alias is null
                && string.Equals(zones[i].Name.Replace('-', '_'), chipName, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return null;
    }
}

/// <summary>A fan found at discovery: its name, source id and the files of its figures (null where it has none).</summary>
internal sealed record FanFile(string Name, string Source, string? RpmPath, string? PwmPath, string? TargetPwmPath);

/// <summary>A cooling device found at discovery: its type, folder, current-step file and highest step (or why that is unknown).</summary>
internal sealed record CoolingFile(string Type, string Source, string StatePath, long? MaxState, string? MaxFailure);

/// <summary>A temperature input found at discovery: its display name, short source id and file, and the other name the same sensor has (an hwmon mirror of a thermal zone).</summary>
internal sealed record SensorFile(string Name, string Source, string Path, string? Alias = null);

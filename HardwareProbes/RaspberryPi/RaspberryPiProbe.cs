using HardwareProbes.Cpu;
using HardwareProbes.IO;
using HardwareProbes.Snapshots;

namespace HardwareProbes.RaspberryPi;

/// <summary>
/// Reads the Raspberry Pi's own figures. sysfs first (the firmware's get_throttled attribute, the rpi_volt hwmon
/// alarm, cpufreq), vcgencmd only for what sysfs lacks, and then no more often than the refresh interval; facts that
/// do not change while running (firmware, GPU memory split, SDRAM clock) are asked once.
/// </summary>
internal sealed class RaspberryPiProbe
{
    /// <summary>The highest SDRAM clock accepted, in MHz; LPDDR4X on the Pi 5 runs at 4267.</summary>
    private const long MaxSdramMhz = 10_000;

    private readonly ProbeFiles _files;
    private readonly VcgencmdClient _vcgencmd;
    private readonly TimeProvider _time;
    private readonly TimeSpan _refresh;
    private readonly string? _throttledPath;
    private readonly string? _underVoltageAlarmPath;
    private readonly Dictionary<string, string> _staticSources = new(StringComparer.Ordinal);
    private readonly FirmwareVersion? _firmware;
    private readonly long? _gpuMemory;
    private readonly long? _sdramHz;
    private readonly bool _hasPmic;
    private readonly PowerReset? _powerReset;
    private Dynamic? _dynamic;

    public RaspberryPiProbe(ProbeFiles files, IReadOnlyList<HwmonChip> hwmon, VcgencmdClient vcgencmd, TimeProvider time, TimeSpan refresh, string? model = null)
    {
        // The Pi 5 family (Pi 5, Pi 500, Compute Module 5) has the PMIC with an ADC; earlier models answer pmic_read_adc with an error.
        _hasPmic = model is not null && (model.Contains("Raspberry Pi 5", StringComparison.Ordinal) || model.Contains("Compute Module 5", StringComparison.Ordinal));
        _powerReset = _hasPmic ? ReadPowerReset(files, _staticSources) : null;
        _files = files;
        _vcgencmd = vcgencmd;
        _time = time;
        _refresh = refresh;
        _throttledPath = FindThrottledAttribute(files);
        _underVoltageAlarmPath = FindUnderVoltageAlarm(files, hwmon);
        _staticSources[SourceNames.Vcgencmd] = vcgencmd.Unavailable ?? HardwareSnapshot.Ok;
        _firmware = Ask(SourceNames.Firmware, "version", static r => FirmwareVersion.Parse(r), _staticSources);
        _gpuMemory = AskValue(SourceNames.GpuMemory, "get_mem gpu", static r => VcgencmdReply.ParseMemory(r), _staticSources);
        long? sdramMhz = AskValue(SourceNames.SdramClock, "get_config sdram_freq", static r => VcgencmdReply.ParseConfigInteger(r), _staticSources);
        if (sdramMhz == 0)
        {
            _staticSources[SourceNames.SdramClock] = "get_config sdram_freq: not set (firmware default)";
        }
        else if (sdramMhz is < 0 or > MaxSdramMhz)
        {
            _staticSources[SourceNames.SdramClock] = $"get_config sdram_freq: {sdramMhz} MHz is outside 1 to {MaxSdramMhz} MHz";
        }

        _sdramHz = sdramMhz is > 0 and <= MaxSdramMhz ? sdramMhz * 1_000_000 : null;
    }

    public RaspberryPiReading Read(CpuReading cpu, Dictionary<string, string> sources)
    {
        foreach ((string key, string value) in _staticSources)
        {
            sources[key] = value;
        }

        DateTimeOffset now = _time.GetUtcNow();
        if (_dynamic is null || now - _dynamic.At >= _refresh)
        {
            _dynamic = AskDynamic(now, ArmFromCpufreq(cpu) is null);
        }

        foreach ((string key, string value) in _dynamic.Sources)
        {
            sources[key] = value;
        }

        ThrottleState? throttle = _dynamic.Throttle;
        if (_throttledPath is not null)
        {
            throttle = _files.TryParse(_throttledPath, static t => ThrottleState.Parse(t), out ThrottleState? state, out string? failure) ? state : null;
            sources[SourceNames.Throttled] = failure ?? HardwareSnapshot.Ok;
        }

        bool? underVoltage = throttle?.UnderVoltage;
        if (_underVoltageAlarmPath is not null && _files.TryReadInt64(_underVoltageAlarmPath, out long alarm, out _))
        {
            underVoltage = alarm != 0;
        }

        return new RaspberryPiReading(
            throttle,
            underVoltage,
            _dynamic.CoreVolts,
            ArmFromCpufreq(cpu) ?? _dynamic.ArmHz,
            _dynamic.CoreHz,
            _dynamic.V3dHz,
            _sdramHz,
            _gpuMemory,
            _firmware)
        {
            Pmic = _dynamic.Pmic,
            PowerReset = _powerReset,
        };
    }

    private static long? ArmFromCpufreq(CpuReading cpu)
        => cpu.Cores.FirstOrDefault(c => c.FrequencyMhz is not null)?.FrequencyMhz is double mhz ? (long)Math.Round(mhz * 1_000_000) : null;

    private Dynamic AskDynamic(DateTimeOffset now, bool needArm)
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        double? volts = AskValue(SourceNames.CoreVolts, "measure_volts core", static r => VcgencmdReply.ParseVolts(r), sources);
        long? core = AskValue(SourceNames.CoreClock, "measure_clock core", static r => VcgencmdReply.ParseClock(r), sources);
        long? v3d = AskValue(SourceNames.V3dClock, "measure_clock v3d", static r => VcgencmdReply.ParseClock(r), sources);
        long? arm = needArm ? AskValue(SourceNames.ArmClock, "measure_clock arm", static r => VcgencmdReply.ParseClock(r), sources) : null;
        ThrottleState? throttle = _throttledPath is null ? Ask(SourceNames.Throttled, "get_throttled", static r => ThrottleState.Parse(r), sources) : null;
        PmicReading? pmic = _hasPmic ? Ask(SourceNames.Pmic, "pmic_read_adc", static r => PmicReading.Parse(r), sources) : null;
        return new Dynamic(now, volts, core, v3d, arm, throttle, sources) { Pmic = pmic };
    }

    private T? Ask<T>(string source, string command, Func<string, T> parse, Dictionary<string, string> sources)
        where T : class
    {
        if (!_vcgencmd.TryRun(command, out string? reply, out string? failure))
        {
            sources[source] = failure;
            return null;
        }

        try
        {
            T value = parse(reply);
            sources[source] = HardwareSnapshot.Ok;
            return value;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Every parser reports a bad reply as FormatException; anything else is a parser defect, reported the same way.
            sources[source] = e is FormatException ? $"vcgencmd {command}: {e.Message}" : $"vcgencmd {command}: {e.GetType().Name}: {e.Message}";
            return null;
        }
    }

    private T? AskValue<T>(string source, string command, Func<string, T> parse, Dictionary<string, string> sources)
        where T : struct
        => Ask(source, command, r => new Box<T>(parse(r)), sources)?.Value;

    /// <summary>The firmware driver's attribute lives at <c>/sys/devices/platform/soc/soc:firmware/get_throttled</c>; the folder's name varies across kernels.</summary>
    private static string? FindThrottledAttribute(ProbeFiles files)
    {
        string soc = $"{files.Sys}/devices/platform/soc";
        foreach (string name in files.ListNames(soc, "*firmware", out _))
        {
            string candidate = $"{soc}/{name}/get_throttled";
            if (files.FileSystem.File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The rpi_volt hwmon device raises <c>in0_lcrit_alarm</c> while the supply is under-voltage.</summary>
    private static string? FindUnderVoltageAlarm(ProbeFiles files, IReadOnlyList<HwmonChip> hwmon)
        => hwmon.Where(c => c.Name == "rpi_volt").Select(c => $"{c.Directory}/in0_lcrit_alarm").FirstOrDefault(files.FileSystem.File.Exists);

    private sealed record Box<T>(T Value);

    /// <summary>The bootloader's record of the PMIC's last power cut, read once: it cannot change until the next boot.</summary>
    private static PowerReset? ReadPowerReset(ProbeFiles files, Dictionary<string, string> sources)
    {
        string path = $"{files.Proc}/device-tree/chosen/power/power_reset";
        try
        {
            if (!files.FileSystem.File.Exists(path))
            {
                return null; // a bootloader that writes no power node: not applicable
            }

            PowerReset reset = PowerReset.Parse(files.FileSystem.File.ReadAllBytes(path));
            sources[SourceNames.PowerReset] = HardwareSnapshot.Ok;
            return reset;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            sources[SourceNames.PowerReset] = $"{path}: {e.Message}";
            return null;
        }
    }

    private sealed record Dynamic(DateTimeOffset At, double? CoreVolts, long? CoreHz, long? V3dHz, long? ArmHz, ThrottleState? Throttle, Dictionary<string, string> Sources)
    {
        public PmicReading? Pmic { get; init; }
    }
}

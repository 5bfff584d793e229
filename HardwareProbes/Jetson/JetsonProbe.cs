using HardwareProbes.IO;
using HardwareProbes.Snapshots;

namespace HardwareProbes.Jetson;

/// <summary>
/// Reads the Jetson's own figures from the running tegrastats source, and the GPU from sysfs when tegrastats has
/// nothing fresh (absent, restarting, or a Thor that prints no GR3D).
/// </summary>
internal sealed class JetsonProbe
{
    // Load in per mille: Nano/TX1/Xavier, Orin JP5, Orin JP6.
    private static readonly string[] LoadFiles = ["devices/gpu.0/load", "devices/platform/gpu.0/load", "devices/platform/bus@0/17000000.gpu/load"];

    private readonly ProbeFiles _files;
    private readonly TegrastatsSource _tegrastats;
    private readonly TimeSpan _fresh;
    private readonly string? _loadPath;
    private readonly string? _frequencyPath;
    private readonly string _powerModeStatus;
    private readonly Dictionary<int, string> _powerModeNames;
    private readonly (string Name, string Events, string? Throttle)[] _overCurrent;

    public JetsonProbe(ProbeFiles files, IReadOnlyList<HwmonChip> hwmon, TegrastatsSource tegrastats, TegrastatsOptions options)
    {
        _files = files;
        _tegrastats = tegrastats;
        _fresh = options.Interval * options.StallIntervals;
        _loadPath = LoadFiles.Select(f => $"{files.Sys}/{f}").FirstOrDefault(files.FileSystem.File.Exists);
        string devfreq = $"{files.Sys}/class/devfreq";
        _frequencyPath = files.ListNames(devfreq, "*gpu*", out _)
            .Select(name => $"{devfreq}/{name}/cur_freq")
            .FirstOrDefault(files.FileSystem.File.Exists);

        // nvpmodel's state lives in /var beside /etc: the var tree next to the configured etc root.
        string root = files.FileSystem.Path.GetDirectoryName(files.Etc) ?? "/";
        _powerModeStatus = files.FileSystem.Path.Combine(root, "var", "lib", "nvpmodel", "status");
        _powerModeNames = files.TryParse($"{files.Etc}/nvpmodel.conf", static t => PowerMode.ParseCatalogue(t), out Dictionary<int, string>? names, out _) ? names! : [];
        _overCurrent = DiscoverOverCurrent(files, hwmon);
    }

    private static (string Name, string Events, string? Throttle)[] DiscoverOverCurrent(ProbeFiles files, IReadOnlyList<HwmonChip> hwmon)
    {
        if (hwmon.FirstOrDefault(c => c.Name == "soctherm_oc") is not { Directory: string dir })
        {
            return [];
        }

        return [.. files.ListNames(dir, "oc*_event_cnt", out _).Select(file =>
        {
            string counter = file[..^"_event_cnt".Length];
            string throttle = $"{dir}/{counter}_throt_en";
            return (counter, $"{dir}/{file}", files.FileSystem.File.Exists(throttle) ? throttle : null);
        })];
    }

    private PowerMode? ReadPowerMode(Dictionary<string, string> sources)
    {
        if (!_files.FileSystem.File.Exists(_powerModeStatus))
        {
            return null; // nvpmodel has not run here (or this is not a Jetson image): no source, no mode
        }

        if (!_files.TryParse(_powerModeStatus, static t => PowerMode.ParseStatus(t), out int id, out string? failure))
        {
            sources[SourceNames.PowerMode] = failure;
            return null;
        }

        sources[SourceNames.PowerMode] = HardwareSnapshot.Ok;
        return new PowerMode(id, _powerModeNames.GetValueOrDefault(id));
    }

    private List<OverCurrentCounter> ReadOverCurrent(Dictionary<string, string> sources)
    {
        var counters = new List<OverCurrentCounter>(_overCurrent.Length);
        string? first = null;
        foreach ((string name, string events, string? throttle) in _overCurrent)
        {
            string? failure = null;
            long? count = null;
            if (_files.TryReadInt64(events, out long value, out string? why) && value >= 0)
            {
                count = value;
            }
            else
            {
                failure = why ?? $"{events}: {value} is negative";
            }

            bool? enabled = null;
            if (throttle is not null && _files.TryReadInt64(throttle, out long flag, out why))
            {
                enabled = flag != 0;
            }
            else if (throttle is not null)
            {
                failure ??= why;
            }

            counters.Add(new OverCurrentCounter(name, OverCurrentCounter.MeaningOf(name), count, enabled, failure));
            first ??= failure;
        }

        if (_overCurrent.Length > 0)
        {
            sources[SourceNames.OverCurrent] = first ?? HardwareSnapshot.Ok;
        }

        return counters;
    }

    public TegrastatsSource Tegrastats => _tegrastats;

    public JetsonReading Read(Dictionary<string, string> sources)
    {
        TegrastatsSample? sample = _tegrastats.Latest;
        TimeSpan? age = _tegrastats.LatestAge;
        bool fresh = sample is not null && age <= _fresh;
        sources[SourceNames.Tegrastats] = _tegrastats.Status switch
        {
            TegrastatsStatus.Running when fresh => HardwareSnapshot.Ok,
            TegrastatsStatus.Absent => _tegrastats.LastError ?? "tegrastats: not found",
            TegrastatsStatus.Restarting when _tegrastats.RestartCount == 0 && _tegrastats.LastError is null => "starting: no line yet",

            // Started and running, its first line not come yet: not a stall (stall detection replaces a silent one).
            TegrastatsStatus.Running when sample is null && _tegrastats.RestartCount == 0 => "starting: no line yet",
            TegrastatsStatus.Restarting => $"restarting after {_tegrastats.RestartCount} restarts: {_tegrastats.LastError}",
            TegrastatsStatus s => $"{s.ToString().ToLowerInvariant()}: no line for {age?.TotalSeconds ?? 0:0.#} s",
        };

        if (fresh && sample!.RejectedValues.Count > 0)
        {
            sources[SourceNames.TegrastatsValues] = $"rejected: {string.Join("; ", sample.RejectedValues)}";
        }

        // Each figure from tegrastats when it has a fresh one, else from sysfs: non-root tegrastats prints GR3D load
        // without a frequency, Thor prints frequencies without a load, and without tegrastats there is only sysfs.
        TegraEngine? gr3d = fresh ? sample!.Gpu : null;
        double? load = gr3d?.LoadPercent;
        string? loadSource = load is null ? null : "tegrastats";
        if (load is null)
        {
            string? failure = "no GR3D load from tegrastats and no gpu.0/load in sysfs";
            long perMille = 0;
            if (_loadPath is not null && _files.TryReadInt64(_loadPath, out perMille, out failure))
            {
                // The load file counts per mille; anything outside 0–1000 is not a load.
                failure = perMille is >= 0 and <= 1000 ? null : $"{_loadPath}: {perMille} is outside 0 to 1000 per mille";
            }

            if (failure is null)
            {
                load = perMille / 10.0;
                loadSource = "sysfs";
            }
            else
            {
                sources[SourceNames.GpuLoad] = failure;
            }
        }

        double? mhz = gr3d?.FrequencyMhz;
        string? frequencySource = mhz is null ? null : "tegrastats";
        string? why = null;
        if (mhz is null && _frequencyPath is not null && _files.TryReadInt64(_frequencyPath, out long hz, out why))
        {
            if (hz is > 0 and <= TegrastatsLine.MaxMhz * 1_000_000L)
            {
                mhz = hz / 1_000_000.0;
                frequencySource = "sysfs";
            }
            else
            {
                sources[SourceNames.GpuFrequency] = $"{_frequencyPath}: {hz} Hz is outside 1 Hz to {TegrastatsLine.MaxMhz} MHz";
            }
        }
        else if (mhz is null && why is not null)
        {
            sources[SourceNames.GpuFrequency] = why;
        }

        return new JetsonReading(sample, age?.TotalSeconds, _tegrastats.Status, _tegrastats.RestartCount, _tegrastats.LastError, load, mhz, loadSource, frequencySource)
        {
            PowerMode = ReadPowerMode(sources),
            OverCurrent = _overCurrent.Length == 0 ? [] : ReadOverCurrent(sources),
        };
    }
}

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

    public JetsonProbe(ProbeFiles files, TegrastatsSource tegrastats, TegrastatsOptions options)
    {
        _files = files;
        _tegrastats = tegrastats;
        _fresh = options.Interval * options.StallIntervals;
        _loadPath = LoadFiles.Select(f => $"{files.Sys}/{f}").FirstOrDefault(files.FileSystem.File.Exists);
        string devfreq = $"{files.Sys}/class/devfreq";
        _frequencyPath = files.ListNames(devfreq, "*gpu*", out _)
            .Select(name => $"{devfreq}/{name}/cur_freq")
            .FirstOrDefault(files.FileSystem.File.Exists);
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

        return new JetsonReading(sample, age?.TotalSeconds, _tegrastats.Status, _tegrastats.RestartCount, _tegrastats.LastError, load, mhz, loadSource, frequencySource);
    }
}

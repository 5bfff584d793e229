using System.Globalization;
using System.Text;
using HardwareProbes;

namespace MonitorWorker.Demo;

/// <summary>
/// A fixture board served as a demo: its <c>proc</c>, <c>sys</c> and <c>etc</c> trees (and vcgencmd replies) copied
/// to a temporary folder and rewritten on every <see cref="Advance"/> so the readings move — CPU counters advance with
/// a load that drifts, temperatures and clocks follow it, network and disk counters grow, memory and load change, and
/// a Raspberry Pi has a short under-voltage episode every few minutes. The board's tegrastats replay cycles through its
/// capture on its own. Every reading then goes through the real probes. Files are replaced whole (written beside and
/// renamed), so a probe never reads half a file. The folder is removed on <see cref="Dispose"/>.
/// </summary>
public sealed class DemoBoard : IDisposable
{
    /// <summary>Seconds between the under-voltage episodes of a Raspberry Pi demo, and how long each lasts.</summary>
    public const int EpisodeEverySeconds = 180;

    public const int EpisodeSeconds = 20;

    private const int TicksPerSecond = 100; // USER_HZ: /proc/stat counts hundredths of a second

    private readonly Lock _gate = new();
    private readonly DemoFolder _folder;
    private readonly string _root;
    private readonly List<Core> _cores = [];
    private readonly List<(string Path, long Millidegrees)> _temperatures = [];
    private readonly List<(string Path, long MaxKhz)> _clocks = [];
    private readonly string[] _stat;
    private readonly string[] _netDev;
    private readonly string[] _diskStats;
    private readonly string[] _meminfo;
    private readonly double _uptime;
    private readonly string? _replies;
    private readonly string[] _throttled;
    private readonly string[] _underVoltageAlarms;
    private readonly Core?[] _statCores;
    private readonly long _memTotalKilobytes;
    private double _seconds;

    private DemoBoard(string board, DemoFolder folder, string name)
    {
        Board = board;
        Name = name;
        _folder = folder;
        _root = folder.Path;
        _stat = ReadLines("proc/stat");
        _netDev = ReadLines("proc/net/dev");
        _diskStats = ReadLines("proc/diskstats");
        _meminfo = ReadLines("proc/meminfo");
        string uptime = ReadLines("proc/uptime").FirstOrDefault() ?? "1000 4000";
        _uptime = double.TryParse(uptime.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double up) ? up : 1000;
        // Each per-CPU line of /proc/stat, by its place in the file: Advance rewrites those lines and copies the others.
        _statCores = new Core?[_stat.Length];
        for (int i = 0; i < _stat.Length; i++)
        {
            string line = _stat[i];
            if (line.StartsWith("cpu", StringComparison.Ordinal) && line.Length > 3 && char.IsAsciiDigit(line[3]))
            {
                string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var core = new Core(int.Parse(fields[0].AsSpan(3), CultureInfo.InvariantCulture), [.. fields.Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture))]);
                _cores.Add(core);
                _statCores[i] = core;
            }
        }

        string? memTotal = _meminfo.FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        _ = long.TryParse(memTotal?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture, out _memTotalKilobytes);

        string sys = Path.Combine(_root, "sys");
        foreach (string file in Files(Path.Combine(sys, "class", "thermal"), "temp").Concat(Files(Path.Combine(sys, "class", "hwmon"), "temp*_input")))
        {
            if (long.TryParse(File.ReadAllText(file).Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            {
                _temperatures.Add((file, value));
            }
        }

        foreach (string file in Files(Path.Combine(sys, "devices", "system", "cpu"), "scaling_cur_freq"))
        {
            string max = Path.Combine(Path.GetDirectoryName(file)!, "cpuinfo_max_freq");
            if (File.Exists(max) && long.TryParse(File.ReadAllText(max).Trim(), CultureInfo.InvariantCulture, out long khz))
            {
                _clocks.Add((file, khz));
            }
        }

        // The firmware's sysfs attribute (hex without 0x) and the rpi_volt alarm, where the board has them.
        _throttled = [.. Files(Path.Combine(sys, "devices", "platform", "soc"), "get_throttled")];
        _underVoltageAlarms = [.. Files(Path.Combine(sys, "class", "hwmon"), "in0_lcrit_alarm")];
        string replies = Path.Combine(_root, "vcgencmd", "replies");
        _replies = Directory.Exists(replies) ? replies : null;
    }

    /// <summary>Gets the fixture board's folder.</summary>
    public string Board { get; }

    /// <summary>Gets the board's name (its folder's name).</summary>
    public string Name { get; }

    /// <summary>Gets the seconds of simulated time so far.</summary>
    public double Seconds => _seconds;

    /// <summary>
    /// Copies the board (a folder, or the name of a board built into the binary) to a new temporary folder and points
    /// the probes at the copy.
    /// </summary>
    public static DemoBoard Prepare(string board, ProbeOptions probes)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(probes);
        DemoFolder folder = DemoFolder.Create();
        try
        {
            return PrepareIn(board, probes, folder);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    private static DemoBoard PrepareIn(string board, ProbeOptions probes, DemoFolder folder)
    {
        string root = folder.Path;
        if (!Directory.Exists(Path.Combine(board, "proc")) && DemoFolder.EmbeddedBoards.Contains(board, StringComparer.Ordinal))
        {
            board = DemoFolder.ExtractEmbedded(board, Path.Combine(root, "fixtures"));
        }

        foreach (string part in new[] { "proc", "sys", "etc", "var", Path.Combine("vcgencmd", "replies") })
        {
            string from = Path.Combine(board, part);
            if (Directory.Exists(from))
            {
                CopyTree(from, Path.Combine(root, part));
            }
        }

        Directory.CreateDirectory(Path.Combine(root, "etc"));

        // Board trees hold no processes: the demo lists the captured ones (and their users) beside the board's files.
        string processes = Path.GetFullPath(Path.Combine(board, "..", "captures", "processes"));
        if (Directory.Exists(Path.Combine(processes, "proc")))
        {
            foreach (string pid in Directory.EnumerateDirectories(Path.Combine(processes, "proc")))
            {
                CopyTree(pid, Path.Combine(root, "proc", Path.GetFileName(pid)));
            }

            string passwd = Path.Combine(root, "etc", "passwd");
            if (!File.Exists(passwd) && File.Exists(Path.Combine(processes, "etc", "passwd")))
            {
                File.Copy(Path.Combine(processes, "etc", "passwd"), passwd);
            }
        }

        var demo = new DemoBoard(board, folder, DemoBoards.NameOf(board));
        probes.ProcPath = Path.Combine(root, "proc");
        probes.SysPath = Path.Combine(root, "sys");
        probes.EtcPath = Path.Combine(root, "etc");
        string tool = Path.GetFullPath(Path.Combine(board, "..", "tools", "vcgencmd-fixture"));
        if (demo._replies is not null && File.Exists(tool))
        {
            // The board's own vcgencmd answers from its fixed replies; this one answers from the demo's moving copy.
            string vcgencmd = Path.Combine(root, "vcgencmd", "vcgencmd");
            File.WriteAllText(vcgencmd, $"#!/bin/sh\nexec '{tool}' '{demo._replies}' \"$@\"\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(vcgencmd, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            probes.VcgencmdPath = vcgencmd;
        }

        string tegrastats = Path.Combine(board, "tegrastats", "tegrastats");
        if (File.Exists(tegrastats))
        {
            probes.Tegrastats.ExecutablePath = tegrastats;
        }

        demo.Advance(0);
        return demo;
    }

    /// <summary>
    /// Moves every reading on by <paramref name="seconds"/> of simulated time and rewrites the files. Calls from more than
    /// one thread (the sampler's subscriber, a test skipping to an episode) take turns.
    /// </summary>
    public void Advance(double seconds)
    {
        lock (_gate)
        {
            AdvanceLocked(seconds);
        }
    }

    private void AdvanceLocked(double seconds)
    {
        _seconds += seconds;
        double t = _seconds;
        long ticks = (long)Math.Round(seconds * TicksPerSecond);
        double total = 0;
        var stat = new StringBuilder();
        long[] sum = new long[_cores.Count == 0 ? 10 : _cores[0].Counters.Length];
        foreach (Core core in _cores)
        {
            double busy = Math.Clamp(0.3 + (0.2 * Math.Sin((t / 23) + core.Id)) + (0.15 * Math.Sin((t / 4.1) + (2 * core.Id))) + (core.Id == 0 ? 0.2 : 0), 0.03, 0.97);
            core.Busy = busy;
            total += busy;
            long user = (long)Math.Round(ticks * busy * 0.75);
            long system = (long)Math.Round(ticks * busy * 0.25);
            core.Counters[0] += user;
            core.Counters[2] += system;
            core.Counters[3] += Math.Max(0, ticks - user - system);
        }

        foreach (Core core in _cores)
        {
            for (int i = 0; i < sum.Length && i < core.Counters.Length; i++)
            {
                sum[i] += core.Counters[i];
            }
        }

        double load = _cores.Count == 0 ? 0.3 : total / _cores.Count;
        for (int i = 0; i < _stat.Length; i++)
        {
            string line = _stat[i];
            if (line.StartsWith("cpu ", StringComparison.Ordinal))
            {
                stat.Append("cpu  ").AppendJoin(' ', sum).Append('\n');
            }
            else if (_statCores[i] is { } core)
            {
                stat.Append(CultureInfo.InvariantCulture, $"cpu{core.Id} ").AppendJoin(' ', core.Counters).Append('\n');
            }
            else
            {
                stat.Append(line).Append('\n');
            }
        }

        Write("proc/stat", stat.ToString());
        Write("proc/uptime", string.Create(CultureInfo.InvariantCulture, $"{_uptime + t:0.00} {(_uptime + t) * Math.Max(1, _cores.Count) * (1 - load):0.00}\n"));
        double l1 = load * _cores.Count;
        Write("proc/loadavg", string.Create(CultureInfo.InvariantCulture, $"{l1:0.00} {l1 * 0.9:0.00} {l1 * 0.8:0.00} 2/497 {11947 + (long)t}\n"));
        Write("proc/net/dev", DemoCounters.Grown(_netDev, t, DemoCounters.NetDevLine));
        Write("proc/diskstats", DemoCounters.Grown(_diskStats, t, DemoCounters.DiskLine));
        Write("proc/meminfo", Memory(t));
        foreach ((string path, long millidegrees) in _temperatures)
        {
            long now = millidegrees + (long)((load - 0.3) * 12_000) + (long)(1_500 * Math.Sin(t / 41));
            Replace(path, now.ToString(CultureInfo.InvariantCulture) + "\n");
        }

        for (int i = 0; i < _clocks.Count; i++)
        {
            double busy = i < _cores.Count ? _cores[i].Busy : load;
            long khz = (long)(Math.Round(_clocks[i].MaxKhz * (0.35 + (0.65 * busy)) / 100_000) * 100_000);
            Replace(_clocks[i].Path, khz.ToString(CultureInfo.InvariantCulture) + "\n");
        }

        // Under-voltage (and the throttling it brings) for a while every few minutes, the sticky bits staying set after.
        bool episode = t % EpisodeEverySeconds >= EpisodeEverySeconds - EpisodeSeconds;
        uint bits = (t >= EpisodeEverySeconds - EpisodeSeconds ? 0x50000u : 0u) | (episode ? 0x5u : 0u);
        foreach (string path in _throttled)
        {
            Replace(path, $"{bits:x}\n");
        }

        foreach (string path in _underVoltageAlarms)
        {
            Replace(path, episode ? "1\n" : "0\n");
        }

        if (_replies is not null)
        {
            Replace(Path.Combine(_replies, "get_throttled.txt"), $"throttled=0x{bits:x}\n");
            Replace(Path.Combine(_replies, "measure_clock_arm.txt"), string.Create(CultureInfo.InvariantCulture, $"frequency(48)={(long)(600_000_000 + (load * 900_000_000))}\n"));
            Replace(Path.Combine(_replies, "measure_volts_core.txt"), string.Create(CultureInfo.InvariantCulture, $"volt={(episode ? 0.8 : 0.85 + (load * 0.05)):0.0000}V\n"));
        }
    }

    /// <summary>Removes the copy (and the board written out of the binary, which lies inside it).</summary>
    public void Dispose() => _folder.Dispose();

    private static IEnumerable<string> Files(string folder, string pattern)
        => Directory.Exists(folder) ? Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal) : [];

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (string dir in Directory.EnumerateDirectories(from))
        {
            CopyTree(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }

    private string Memory(double t)
    {
        long total = _memTotalKilobytes;
        var text = new StringBuilder();
        double share = 0.35 + (0.1 * Math.Sin(t / 60)) + (0.03 * Math.Sin(t / 7));
        foreach (string line in _meminfo)
        {
            string name = line.Split(':')[0];
            text.Append(name switch
            {
                "MemAvailable" => $"MemAvailable:   {(long)(total * (1 - share))} kB",
                "MemFree" => $"MemFree:        {(long)(total * (1 - share) * 0.4)} kB",
                "Cached" => $"Cached:         {(long)(total * (1 - share) * 0.5)} kB", // where MemAvailable is missing, it is estimated from these
                "Buffers" => $"Buffers:        {(long)(total * (1 - share) * 0.05)} kB",
                "Active(file)" => $"Active(file):   {(long)(total * (1 - share) * 0.25)} kB",
                "Inactive(file)" => $"Inactive(file): {(long)(total * (1 - share) * 0.25)} kB",
                "SReclaimable" => $"SReclaimable:   {(long)(total * (1 - share) * 0.05)} kB",
                _ => line,
            }).Append('\n');
        }

        return text.ToString();
    }

    private string[] ReadLines(string relative)
    {
        string path = Path.Combine(_root, relative);
        return File.Exists(path) ? File.ReadAllLines(path) : [];
    }

    private void Write(string relative, string text)
    {
        string path = Path.Combine(_root, relative);
        if (File.Exists(path))
        {
            Replace(path, text);
        }
    }

    /// <summary>Writes the file beside its place and renames it over the old one: a reader sees the old file or the new, whole.</summary>
    private static void Replace(string path, string text)
    {
        string next = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + ".next");
        File.WriteAllText(next, text);
        File.Move(next, path, overwrite: true);
    }

    private sealed class Core(int id, long[] counters)
    {
        public int Id { get; } = id;

        public long[] Counters { get; } = counters;

        public double Busy { get; set; }
    }
}

using System.IO.Abstractions;
using HardwareProbes.Cpu;
using HardwareProbes.Machine;
using HardwareProbes.Identity;
using HardwareProbes.IO;
using HardwareProbes.Jetson;
using HardwareProbes.Memory;
using HardwareProbes.Network;
using HardwareProbes.ChildProcesses;
using HardwareProbes.RaspberryPi;
using HardwareProbes.Storage;
using HardwareProbes.Thermal;

namespace HardwareProbes.Snapshots;

/// <summary>
/// Takes snapshots of a Linux machine from procfs and sysfs. Every source fails alone: a missing, unreadable,
/// hung or malformed file leaves its fields null and says why in <see cref="HardwareSnapshot.Sources"/>;
/// nothing a reader throws escapes.
/// </summary>
/// <remarks>
/// CPU usage needs two readings of the tick counters: <see cref="Collect()"/> measures from the previous snapshot taken by
/// this instance, so the first has null usage rather than a misleading average since boot; <see cref="CollectOverAsync"/>
/// measures over a window of its own. Calls are serialised; one instance serves one sampler.
/// </remarks>
public sealed class LinuxSnapshotSource : ISnapshotSource
{
    private readonly ProbeFiles _files;
    private readonly ProbeOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly SamplePaths _paths;
    private StaticFacts? _static;
    private DateTimeOffset _staticReadAt;
    private string? _staticFailure;
    private CpuCounters? _previous;
    private (long At, IReadOnlyList<InterfaceCounters>? Interfaces, DiskIoCounters? Disk)? _previousCounters;
    /// <summary>Counting costs at most this share of wall time: the next count waits this many times the last one's duration.</summary>
    private const int ConnectionsCostFactor = 5000;

    /// <summary>However slow counting is, a count is at most this old (unless ConnectionsRefreshInterval is longer).</summary>
    private static readonly TimeSpan ConnectionsMaxAge = TimeSpan.FromSeconds(60);

    private (DateTimeOffset Next, int? Count, string V4, string V6)? _connections;
    private RaspberryPiProbe? _raspberryPi;
    private JetsonProbe? _jetson;

    /// <summary>Creates a source reading the real filesystem.</summary>
    /// <param name="options">Roots and limits.</param>
    public LinuxSnapshotSource(ProbeOptions options)
        : this(new FileSystem(), options, TimeProvider.System)
    {
    }

    /// <summary>Creates a source reading through <paramref name="fileSystem"/>, with time from <paramref name="timeProvider"/>.</summary>
    /// <param name="fileSystem">The filesystem to read.</param>
    /// <param name="options">Roots and limits.</param>
    /// <param name="timeProvider">The clock for timestamps and the static-facts refresh.</param>
    public LinuxSnapshotSource(IFileSystem fileSystem, ProbeOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _options = options;
        _time = timeProvider;
        _files = new ProbeFiles(fileSystem, options);
        _paths = new SamplePaths(_files.Proc, _files.Sys, options.DiskPaths);
    }

    /// <inheritdoc/>
    public HardwareSnapshot Collect() => Collect(baseline: null);

    /// <inheritdoc/>
    public Task<HardwareSnapshot> CollectOverAsync(TimeSpan window, CancellationToken cancellationToken = default)
        => SnapshotSource.CollectOverAsync(ReadCpuCounters, Collect, window, _time, cancellationToken);

    /// <summary>Reads the CPU tick counters alone, as the baseline of a later <see cref="Collect(CpuCounters?)"/>.</summary>
    /// <returns>The counters, or null when <c>/proc/stat</c> cannot be read.</returns>
    internal CpuCounters? ReadCpuCounters()
    {
        lock (_gate)
        {
            return _files.TryParse(_paths.Stat, static t => CpuCounters.Parse(t), out CpuCounters? stat, out _) ? stat : null;
        }
    }

    /// <summary>Takes a snapshot, with CPU usage measured since <paramref name="baseline"/> (or, when null, since the previous snapshot).</summary>
    internal HardwareSnapshot Collect(CpuCounters? baseline)
    {
        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            var sources = new Dictionary<string, string>(StringComparer.Ordinal);
            StaticFacts facts = RefreshStatic(now, sources);
            foreach ((string key, string value) in facts.Sources)
            {
                sources[key] = value;
            }

            CpuReading cpu = Guard(SourceNames.CpuTimes, sources, () => ReadCpu(facts, baseline ?? _previous, sources), new CpuReading(null, null, [], null));
            if (cpu.Times is not null)
            {
                _previous = cpu.Times;
            }

            IReadOnlyList<TemperatureReading> temperatures = Guard<IReadOnlyList<TemperatureReading>>(SourceNames.Thermal, sources, () => ReadTemperatures(facts, sources), []);
            double? cpuTemperature = Guard(SourceNames.CpuTemperature, sources, () => PickCpuTemperature(temperatures, sources), null);
            MemInfo? memInfo = Read(_paths.MemInfo, SourceNames.Memory, static t => MemInfo.Parse(t), sources);
            IReadOnlyList<InterfaceCounters>? interfaces = Read(_paths.NetDev, SourceNames.NetDev, static t => NetDev.Parse(t), sources);
            Guard(SourceNames.BoardProbes, sources, () => StartBoardProbes(facts.Identity.Board, facts.Hwmon), true);

            DiskIoCounters? diskIo = Guard(SourceNames.DiskStats, sources, () => ReadDiskIo(sources), null);
            long countersAt = _time.GetTimestamp();
            (IReadOnlyList<InterfaceRate>? networkRates, DiskIoRate? diskRates) = Rates(countersAt, interfaces, diskIo);
            MemoryReading? memory = memInfo is null ? null : Guard(SourceNames.Memory, sources, () => MemoryReading.From(memInfo), null);
            SwapReading? swap = memInfo is null ? null : Guard(SourceNames.Swap, sources, () => SwapReading.From(memInfo), null);
            JetsonReading? jetson = _jetson is null ? null : Guard(SourceNames.Jetson, sources, () => _jetson.Read(sources), null);
            TegrastatsSample? sample = jetson?.Sample;
            return new HardwareSnapshot
            {
                Timestamp = now,
                Identity = facts.Identity,
                Cpu = cpu,
                CpuTemperatureCelsius = cpuTemperature,
                GpuTemperatureCelsius = CombinedReadings.GpuTemperature(facts.Identity.Board, cpuTemperature, temperatures, sample),
                Temperatures = temperatures,
                Fans = facts.Fans.Count == 0 ? [] : Guard<IReadOnlyList<FanReading>>(SourceNames.Fans, sources, () => ReadFans(facts, sources), []),
                CoolingDevices = facts.CoolingDevices.Count == 0 ? [] : Guard<IReadOnlyList<CoolingDeviceReading>>(SourceNames.CoolingDevices, sources, () => ReadCoolingDevices(facts, sources), []),
                Memory = memory,
                Swap = swap,
                LoadAverage = Read(_paths.LoadAverage, SourceNames.LoadAverage, static t => LoadAverage.Parse(t), sources),
                UptimeSeconds = ReadStruct(_paths.Uptime, SourceNames.Uptime, static t => Uptime.ParseSeconds(t), sources),
                DiskIo = diskIo,
                Emmc = facts.Emmc,
                DiskRates = diskRates,
                Filesystems = Guard<IReadOnlyList<FilesystemUsage>>(SourceNames.Filesystems, sources, () => ReadFilesystems(facts, sources), []),
                NetworkInterfaces = interfaces,
                NetworkRates = networkRates,
                WirelessSignalDbm = Read(_paths.Wireless, SourceNames.Wireless, static t => WirelessSignal.Parse(t), sources),
                ActiveConnections = Guard(SourceNames.Tcp, sources, () => ReadConnections(sources), null),
                UsbDevices = Guard(SourceNames.Usb, sources, () => CountUsbDevices(sources), null),
                RaspberryPi = _raspberryPi is null ? null : Guard(SourceNames.RaspberryPi, sources, () => _raspberryPi.Read(cpu, sources), null),
                Jetson = jetson,
                CombinedCores = CombinedReadings.Cores(cpu, sample),
                CombinedRam = CombinedReadings.Ram(memory, sample),
                CombinedSwap = CombinedReadings.Swap(swap, sample),
                Sources = sources,
                ExpectedSources = Expected(facts.Identity.Board, sources),
            };
        }
    }

    /// <summary>Traffic per second since the previous snapshot, on the monotonic clock; the newest counters become the next baseline.</summary>
    private (IReadOnlyList<InterfaceRate>? Network, DiskIoRate? Disk) Rates(long at, IReadOnlyList<InterfaceCounters>? interfaces, DiskIoCounters? disk)
    {
        IReadOnlyList<InterfaceRate>? network = null;
        DiskIoRate? diskRate = null;
        if (_previousCounters is { } before)
        {
            double seconds = _time.GetElapsedTime(before.At, at).TotalSeconds;
            if (seconds > 0)
            {
                network = interfaces is not null && before.Interfaces is not null ? InterfaceRate.Between(before.Interfaces, interfaces, seconds) : null;
                diskRate = disk is not null && before.Disk is not null ? DiskIoRate.Between(before.Disk, disk, seconds) : null;
            }
        }

        _previousCounters = (at, interfaces, disk); // a failed read leaves no baseline: the next rate is null, not stretched over two windows
        return (network, diskRate);
    }

    private static readonly string[] ExpectedEverywhere = [SourceNames.CpuTimes, SourceNames.Memory, SourceNames.LoadAverage, SourceNames.Uptime, SourceNames.NetDev];
    private static readonly string[] ExpectedOnRaspberryPi = [.. ExpectedEverywhere, SourceNames.Vcgencmd, SourceNames.Throttled];
    private static readonly string[] ExpectedOnJetson = [.. ExpectedEverywhere, SourceNames.Tegrastats];

    /// <summary>What this board should have; the CPU's temperature only where a CPU sensor exists (it then has an entry).</summary>
    private static string[] Expected(BoardKind board, Dictionary<string, string> sources)
    {
        string[] expected = board switch
        {
            BoardKind.RaspberryPi => ExpectedOnRaspberryPi,
            BoardKind.Jetson => ExpectedOnJetson,
            _ => ExpectedEverywhere,
        };
        return sources.ContainsKey(SourceNames.CpuTemperature) ? [.. expected, SourceNames.CpuTemperature] : expected;
    }

    /// <summary>
    /// Runs one reading so that whatever it throws becomes its source's reason instead of taking the snapshot down:
    /// readers report bad contents themselves, so an exception here is a defect or an impossible value they did not
    /// foresee. The reading is then <paramref name="fallback"/>.
    /// </summary>
    private static T Guard<T>(string source, Dictionary<string, string> sources, Func<T> read, T fallback)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            sources[source] = Reason(e);
            return fallback;
        }
    }

    private static string Reason(Exception e) => e is OverflowException
        ? $"values too large to be real ({e.Message})"
        : $"{e.GetType().Name}: {e.Message}";

    /// <summary>The CPU's temperature, and its status: the chosen sensor's failure when a CPU sensor exists but gave nothing.</summary>
    private static double? PickCpuTemperature(IReadOnlyList<TemperatureReading> temperatures, Dictionary<string, string> sources)
    {
        double? celsius = CpuTemperature.Pick(temperatures, out string? failure);
        if (celsius is not null)
        {
            sources[SourceNames.CpuTemperature] = HardwareSnapshot.Ok;
        }
        else if (failure is not null)
        {
            sources[SourceNames.CpuTemperature] = failure;
        }

        return celsius;
    }

    /// <summary>Gets the tegrastats source this instance runs on a Jetson (for live lines), or null on other boards or before the first snapshot.</summary>
    internal TegrastatsSource? Tegrastats => _jetson?.Tegrastats;

    /// <summary>Stops the reader threads and, on a Jetson, tegrastats.</summary>
    public void Dispose()
    {
        _jetson?.Tegrastats.Dispose();
        _files.Dispose();
    }

    /// <summary>Board probes start with the first snapshot that knows the board: vcgencmd on a Pi, tegrastats on a Jetson. True once done.</summary>
    private bool StartBoardProbes(BoardKind board, IReadOnlyList<HwmonChip> hwmon)
    {
        if (board == BoardKind.RaspberryPi && _raspberryPi is null)
        {
            var vcgencmd = new VcgencmdClient(_files.FileSystem, SystemProcessRunner.Instance, _options.VcgencmdPath, _options.VcgencmdTimeout);
            _raspberryPi = new RaspberryPiProbe(_files, hwmon, vcgencmd, _time, _options.VcgencmdRefreshInterval);
        }
        else if (board == BoardKind.Jetson && _jetson is null)
        {
            var tegrastats = new TegrastatsSource(_options.Tegrastats, _files.FileSystem, SystemProcessRunner.Instance, _time);
            tegrastats.Start();
            _jetson = new JetsonProbe(_files, hwmon, tegrastats, _options.Tegrastats);
        }

        return true;
    }

    private StaticFacts RefreshStatic(DateTimeOffset now, Dictionary<string, string> sources)
    {
        if (_static is null || now - _staticReadAt >= _options.StaticRefreshInterval)
        {
            try
            {
                _static = StaticFacts.Read(_files);
                _staticFailure = null;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Keep the facts read before, if any; without them the snapshot still has every per-sample reading.
                _staticFailure = Reason(e);
                _static ??= StaticFacts.Empty;
            }

            _staticReadAt = now;
        }

        if (_staticFailure is not null)
        {
            sources[SourceNames.StaticFacts] = _staticFailure; // until the next refresh reads them
        }

        return _static;
    }

    private CpuReading ReadCpu(StaticFacts facts, CpuCounters? baseline, Dictionary<string, string> sources)
    {
        CpuCounters? stat = Read(_paths.Stat, SourceNames.CpuTimes, static t => CpuCounters.Parse(t), sources);
        IReadOnlyList<int>? online = Read(_paths.Online, SourceNames.CpuOnline, static t => CpuList.Parse(t), sources);

        double? total = stat is not null && baseline is not null ? CpuUsage.Percent(baseline.Total, stat.Total) : null;
        sources[SourceNames.CpuUsage] = CpuUsage.Status(stat, baseline, total);

        // Every CPU the kernel knows: present ones, and any that /proc/stat or the online list names.
        var ids = new SortedSet<int>(facts.PresentCpus ?? []);
        if (stat is not null)
        {
            foreach (CoreTimes core in stat.Cores)
            {
                ids.Add(core.Id);
            }
        }

        if (online is not null)
        {
            ids.UnionWith(online);
        }

        // Without cpufreq (VMs, cloud hosts, containers) the kernel still prints each x86 CPU's clock in /proc/cpuinfo.
        IReadOnlyDictionary<int, double>? cpuinfoMhz = null;
        if (facts.CurrentFrequencyPaths.Count == 0)
        {
            bool read = _files.TryParse(_paths.CpuInfo, static t => CpuInfo.Parse(t), out CpuInfo? info, out string? failure);
            cpuinfoMhz = read ? info!.CurrentMhz : null;
            sources[SourceNames.CpuInfoFrequency] = failure ?? (cpuinfoMhz is null ? $"{_paths.CpuInfo}: no 'cpu MHz' lines" : HardwareSnapshot.Ok);
        }

        var cores = new List<CpuCore>(ids.Count);
        double frequencySum = 0;
        int frequencyCount = 0;
        int cpuinfoCount = 0;
        string? frequencyFailure = null;
        foreach (int id in ids)
        {
            CoreTimes? now = Find(stat, id);
            bool isOnline = online is not null ? online.Contains(id) : now is not null;
            CoreTimes? before = Find(baseline, id);
            double? usage = isOnline && now is not null && before is not null ? CpuUsage.Percent(before.Value.Times, now.Value.Times) : null;

            double? mhz = null;
            if (isOnline && facts.CurrentFrequencyPaths.TryGetValue(id, out string? path))
            {
                if (_files.TryReadInt64(path, out long khz, out string? failure) && StaticFacts.PlausibleKhz(khz))
                {
                    mhz = khz / 1000.0;
                    frequencySum += mhz.Value;
                    frequencyCount++;
                }
                else
                {
                    frequencyFailure ??= failure ?? StaticFacts.ImplausibleKhz(path, khz);
                }
            }

            else if (isOnline && cpuinfoMhz is not null && cpuinfoMhz.TryGetValue(id, out double current))
            {
                mhz = current;
                frequencySum += current;
                cpuinfoCount++;
            }

            facts.MaxFrequencyMhz.TryGetValue(id, out double? max);
            cores.Add(new CpuCore(id, isOnline, usage, mhz, max));
        }

        sources[SourceNames.CpuFrequency] = frequencyCount > 0 ? HardwareSnapshot.Ok : frequencyFailure ?? "no cpufreq (scaling_cur_freq) for any online CPU";
        int withFrequency = frequencyCount + cpuinfoCount;
        return new CpuReading(total, withFrequency > 0 ? frequencySum / withFrequency : null, cores, stat);
    }

    private static CoreTimes? Find(CpuCounters? stat, int id)
    {
        if (stat is null)
        {
            return null;
        }

        foreach (CoreTimes core in stat.Cores)
        {
            if (core.Id == id)
            {
                return core;
            }
        }

        return null;
    }

    private List<TemperatureReading> ReadTemperatures(StaticFacts facts, Dictionary<string, string> sources)
    {
        var readings = new List<TemperatureReading>(facts.Sensors.Count);
        UniqueNames? keys = null;
        foreach (SensorFile sensor in facts.Sensors)
        {
            double? celsius = null;
            if (_files.TryReadInt64(sensor.Path, out long millidegrees, out string? failure))
            {
                celsius = Millidegrees.ToCelsius(millidegrees, out failure);
                failure = failure is null ? null : $"{sensor.Path}: {failure}";
            }

            if (failure is not null)
            {
                sources[SourceNames.Temperature(sensor.Source)] = failure;
            }

            readings.Add(new TemperatureReading(sensor.Name, sensor.Source, celsius, failure) { Key = UniqueNames.For(ref keys, StringComparer.Ordinal, sensor.Name, readings, static r => r.Key), Alias = sensor.Alias });
        }

        return readings;
    }

    private List<FanReading> ReadFans(StaticFacts facts, Dictionary<string, string> sources)
    {
        var fans = new List<FanReading>(facts.Fans.Count);
        string? firstFailure = null;
        foreach (FanFile fan in facts.Fans)
        {
            string? failure = null;
            double? rpm = fan.RpmPath is null ? null : ReadInRange(fan.RpmPath, 0, FanReading.MaxRpm, "RPM", ref failure);
            double? pwm = fan.PwmPath is null ? null : ReadInRange(fan.PwmPath, 0, FanReading.MaxPwm, "PWM", ref failure) * 100.0 / FanReading.MaxPwm;
            double? target = fan.TargetPwmPath is null ? null : ReadInRange(fan.TargetPwmPath, 0, FanReading.MaxPwm, "PWM", ref failure) * 100.0 / FanReading.MaxPwm;
            fans.Add(new FanReading(fan.Name, fan.Source, rpm, pwm is double p ? Math.Round(p, 1) : null, target is double t ? Math.Round(t, 1) : null, failure));
            firstFailure ??= failure;
        }

        sources[SourceNames.Fans] = firstFailure ?? HardwareSnapshot.Ok;
        return fans;
    }

    private List<CoolingDeviceReading> ReadCoolingDevices(StaticFacts facts, Dictionary<string, string> sources)
    {
        var devices = new List<CoolingDeviceReading>(facts.CoolingDevices.Count);
        string? firstFailure = null;
        foreach (CoolingFile device in facts.CoolingDevices)
        {
            string? failure = device.MaxFailure;
            double? state = ReadInRange(device.StatePath, 0, device.MaxState ?? long.MaxValue, "step", ref failure);
            devices.Add(new CoolingDeviceReading(device.Type, device.Source, state is double s ? (long)s : null, device.MaxState, failure));
            firstFailure ??= failure;
        }

        sources[SourceNames.CoolingDevices] = firstFailure ?? HardwareSnapshot.Ok;
        return devices;
    }

    /// <summary>Reads one integer attribute; outside [min, max] it is null and the first such reason is kept.</summary>
    private double? ReadInRange(string path, long min, long max, string what, ref string? failure)
    {
        if (!_files.TryReadInt64(path, out long value, out string? why))
        {
            failure ??= why;
            return null;
        }

        if (value < min || value > max)
        {
            failure ??= $"{path}: {value} is outside the {what} range {min} to {max}";
            return null;
        }

        return value;
    }

    private DiskIoCounters? ReadDiskIo(Dictionary<string, string> sources)
    {
        IReadOnlyList<DiskDeviceCounters>? stats = Read(_paths.DiskStats, SourceNames.DiskStats, static t => ProcDiskStats.Parse(t), sources);
        if (stats is null)
        {
            return null;
        }

        // /sys/block lists whole disks (partitions live below them); without it, judge by name.
        string blockRoot = _paths.Block;
        IFileSystem fs = _files.FileSystem;
        bool haveSysBlock = fs.Directory.Exists(blockRoot);
        return DiskIoCounters.Sum(
            stats,
            name => !ProcDiskStats.IsVirtual(name) && (haveSysBlock ? fs.Directory.Exists($"{blockRoot}/{name}") : ProcDiskStats.LooksLikeWholeDisk(name)));
    }

    private List<FilesystemUsage> ReadFilesystems(StaticFacts facts, Dictionary<string, string> sources)
    {
        var usage = new List<FilesystemUsage>(_paths.Mounts.Length);
        foreach ((string mount, string source) in _paths.Mounts)
        {
            if (_files.TryGetSpace(mount, out FilesystemSpace space, out string? failure))
            {
                MountEntry? holding = MountTable.Holding(facts.Mounts, mount);
                usage.Add(FilesystemUsage.FromStatvfs(mount, space.TotalBytes, space.FreeBytes, space.AvailableBytes) with
                {
                    Device = holding?.Device,
                    FileSystemType = holding?.FileSystemType,
                });
                sources[source] = HardwareSnapshot.Ok;
            }
            else
            {
                sources[source] = failure;
            }
        }

        return usage;
    }

    private int? ReadConnections(Dictionary<string, string> sources)
    {
        // Producing /proc/net/tcp walks the kernel's whole TCP hash table, which is sized by RAM: a few hundred
        // microseconds on a small board, about 10 ms on a large host. A count is reused until ConnectionsRefreshInterval
        // has passed, or longer where counting is slow (up to a minute), so that it stays a negligible cost everywhere.
        DateTimeOffset now = _time.GetUtcNow();
        if (_connections is not { } last || now >= last.Next)
        {
            int? v4 = ReadStruct(_paths.Tcp, SourceNames.Tcp, static t => TcpSockets.CountNotListening(t), sources);
            int? v6 = ReadStruct(_paths.Tcp6, SourceNames.Tcp6, static t => TcpSockets.CountNotListening(t), sources);
            DateTimeOffset done = _time.GetUtcNow();
            TimeSpan wait = (done - now) * ConnectionsCostFactor;
            wait = wait < ConnectionsMaxAge ? wait : ConnectionsMaxAge;
            wait = wait > _options.ConnectionsRefreshInterval ? wait : _options.ConnectionsRefreshInterval;
            last = (now + wait, v4 is null && v6 is null ? null : (v4 ?? 0) + (v6 ?? 0), sources[SourceNames.Tcp], sources[SourceNames.Tcp6]);
            _connections = last;
        }

        sources[SourceNames.Tcp] = last.V4;
        sources[SourceNames.Tcp6] = last.V6;
        return last.Count;
    }

    private int? CountUsbDevices(Dictionary<string, string> sources)
    {
        // Interfaces are named bus-port:config.interface; devices and root hubs have no colon.
        IReadOnlyList<string> entries = _files.ListNames(_paths.UsbDevices, "*", out string? failure);
        sources[SourceNames.Usb] = failure ?? HardwareSnapshot.Ok;
        if (failure is not null)
        {
            return null;
        }

        int count = 0;
        foreach (string entry in entries)
        {
            if (!entry.Contains(':', StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }

    private T? Read<T>(string path, string source, SpanParser<T> parser, Dictionary<string, string> sources)
        where T : class
    {
        bool ok = _files.TryParse(path, parser, out T? value, out string? failure);
        sources[source] = failure ?? HardwareSnapshot.Ok;
        return ok ? value : null;
    }

    private T? ReadStruct<T>(string path, string source, SpanParser<T> parser, Dictionary<string, string> sources)
        where T : struct
    {
        bool ok = _files.TryParse(path, parser, out T value, out string? failure);
        sources[source] = failure ?? HardwareSnapshot.Ok;
        return ok ? value : null;
    }

    /// <summary>The files read on every sample, with their paths built once.</summary>
    private sealed class SamplePaths(string proc, string sys, IList<string> mounts)
    {
        public string Stat { get; } = $"{proc}/stat";

        public string CpuInfo { get; } = $"{proc}/cpuinfo";

        public string MemInfo { get; } = $"{proc}/meminfo";

        public string LoadAverage { get; } = $"{proc}/loadavg";

        public string Uptime { get; } = $"{proc}/uptime";

        public string DiskStats { get; } = $"{proc}/diskstats";

        public string NetDev { get; } = $"{proc}/net/dev";

        public string Wireless { get; } = $"{proc}/net/wireless";

        public string Tcp { get; } = $"{proc}/net/tcp";

        public string Tcp6 { get; } = $"{proc}/net/tcp6";

        public string Online { get; } = $"{sys}/devices/system/cpu/online";

        public string Block { get; } = $"{sys}/block";

        public string UsbDevices { get; } = $"{sys}/bus/usb/devices";

        /// <summary>Each configured mount point with its key in the sources map.</summary>
        public (string Mount, string Source)[] Mounts { get; } = [.. mounts.Select(m => (m, SourceNames.Disk(m)))];
    }
}

using System.IO.Abstractions;
using HardwareProbes.ChildProcesses;
using HardwareProbes.Cpu;
using HardwareProbes.Identity;
using HardwareProbes.IO;
using HardwareProbes.Jetson;
using HardwareProbes.Machine;
using HardwareProbes.Memory;
using HardwareProbes.Network;
using HardwareProbes.RaspberryPi;
using HardwareProbes.Sensors;
using HardwareProbes.Storage;
using HardwareProbes.Thermal;
using static HardwareProbes.Snapshots.SourceReads;

namespace HardwareProbes.Snapshots;

/// <summary>
/// Takes snapshots of a Linux machine from procfs and sysfs. Every source fails alone: a missing, unreadable,
/// hung or malformed file leaves its fields null and says why in <see cref="HardwareSnapshot.Sources"/>;
/// nothing a reader throws escapes.
/// </summary>
/// <remarks>
/// CPU usage needs two readings of the tick counters: <see cref="Collect()"/> measures from the previous snapshot taken by
/// this instance, so the first has null usage rather than a misleading average since boot; <see cref="CollectOverAsync"/>
/// measures over a window of its own. Calls are serialised; one instance serves one sampler. Each kernel file has its
/// reader beside its parser; this class composes them.
/// </remarks>
public sealed class LinuxSnapshotSource : ISnapshotSource
{
    private readonly ProbeFiles _files;
    private readonly ProbeOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly CpuReader _cpu;
    private readonly StorageReader _storage;
    private readonly ConnectionCounter _connections;
    private readonly UsbDevices _usb;
    private readonly CounterRates _rates;
    private readonly string _memInfo, _netDev, _wireless, _loadAverage, _uptime;
    private readonly StaticFactsCache _static;
    private CpuCounters? _previous;
    private RaspberryPiProbe? _raspberryPi;
    private JetsonProbe? _jetson;
    private readonly Ups.NutSource? _nut;

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
        _cpu = new CpuReader(_files);
        _storage = new StorageReader(_files, options.DiskPaths);
        _connections = new ConnectionCounter(_files, timeProvider, options.ConnectionsRefreshInterval);
        _usb = new UsbDevices(_files);
        _rates = new CounterRates(timeProvider);
        _static = new StaticFactsCache(_files, options.StaticRefreshInterval);
        _nut = options.Nut is null ? null : new Ups.NutSource(options.Nut, options.NutInterval, timeProvider);
        (_memInfo, _netDev, _wireless, _loadAverage, _uptime) = ($"{_files.Proc}/meminfo", $"{_files.Proc}/net/dev", $"{_files.Proc}/net/wireless", $"{_files.Proc}/loadavg", $"{_files.Proc}/uptime");
    }

    /// <summary>Gets the tegrastats source this instance runs on a Jetson (for live lines), or null on other boards or before the first snapshot.</summary>
    internal TegrastatsSource? Tegrastats => _jetson?.Tegrastats;

    /// <inheritdoc/>
    public HardwareSnapshot Collect() => Collect(baseline: null, advance: true);

    /// <inheritdoc/>
    public HardwareSnapshot CollectOnDemand() => Collect(baseline: null, advance: false);

    /// <inheritdoc/>
    public Task<HardwareSnapshot> CollectOverAsync(TimeSpan window, CancellationToken cancellationToken = default)
        => SnapshotSource.CollectOverAsync(ReadCpuCounters, b => Collect(b, advance: false), window, _time, cancellationToken);

    /// <summary>Reads the CPU tick counters alone, as the baseline of a later <see cref="Collect(CpuCounters?, bool)"/>.</summary>
    /// <returns>The counters, or null when <c>/proc/stat</c> cannot be read.</returns>
    internal CpuCounters? ReadCpuCounters()
    {
        lock (_gate)
        {
            return _cpu.ReadCounters();
        }
    }

    /// <summary>
    /// Takes a snapshot, with CPU usage measured since <paramref name="baseline"/> (or, when null, since the previous
    /// snapshot that advanced); with <paramref name="advance"/> its counters become the baseline of the next.
    /// </summary>
    internal HardwareSnapshot Collect(CpuCounters? baseline, bool advance)
    {
        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            var sources = new Dictionary<string, string>(StringComparer.Ordinal);
            StaticFacts facts = _static.Get(now, sources);

            CpuReading cpu = Guard(SourceNames.CpuTimes, sources, () => _cpu.Read(facts, baseline ?? _previous, sources), new CpuReading(null, null, [], null));
            _previous = advance ? cpu.Times ?? _previous : _previous;
            IReadOnlyList<TemperatureReading> temperatures = Guard<IReadOnlyList<TemperatureReading>>(SourceNames.Thermal, sources, () => TemperatureReader.Read(_files, facts.Sensors, sources), []);
            double? cpuTemperature = Guard(SourceNames.CpuTemperature, sources, () => TemperatureReader.PickCpu(temperatures, sources), null);
            MemInfo? memInfo = _files.Read(_memInfo, SourceNames.Memory, static t => MemInfo.Parse(t), sources);
            IReadOnlyList<InterfaceCounters>? interfaces = _files.Read(_netDev, SourceNames.NetDev, static t => NetDev.Parse(t), sources);
            Guard(SourceNames.BoardProbes, sources, () => StartBoardProbes(facts.Identity, facts.Hwmon), true);
            DiskIoCounters? diskIo = Guard(SourceNames.DiskStats, sources, () => _storage.ReadDiskIo(sources), null);
            (IReadOnlyList<InterfaceRate>? networkRates, DiskIoRate? diskRates) = _rates.Next(_time.GetTimestamp(), interfaces, diskIo, advance);
            MemoryReading? memory = memInfo is null ? null : Guard(SourceNames.Memory, sources, () => MemoryReading.From(memInfo), null);
            SwapReading? swap = memInfo is null ? null : Guard(SourceNames.Swap, sources, () => SwapReading.From(memInfo), null);
            JetsonReading? jetson = _jetson is null ? null : Guard(SourceNames.Jetson, sources, () => _jetson.Read(sources), null);
            TegrastatsSample? sample = jetson?.Sample;
            Ups.UpsReading? ups = null;
            if (_nut is not null)
            {
                _nut.Start();
                (ups, string? upsFailure) = _nut.Latest;
                sources[SourceNames.Ups] = upsFailure ?? HardwareSnapshot.Ok;
            }

            return new HardwareSnapshot
            {
                Timestamp = now,
                Identity = facts.Identity,
                Cpu = cpu,
                CpuTemperatureCelsius = cpuTemperature,
                GpuTemperatureCelsius = CombinedReadings.GpuTemperature(facts.Identity.Board, cpuTemperature, temperatures, sample),
                Temperatures = temperatures,
                Fans = facts.Fans.Count == 0 ? [] : Guard<IReadOnlyList<FanReading>>(SourceNames.Fans, sources, () => CoolingReader.ReadFans(_files, facts.Fans, sources), []),
                CoolingDevices = facts.CoolingDevices.Count == 0 ? [] : Guard<IReadOnlyList<CoolingDeviceReading>>(SourceNames.CoolingDevices, sources, () => CoolingReader.ReadDevices(_files, facts.CoolingDevices, sources), []),
                Sensors = facts.SensorChannels.Count == 0 ? [] : Guard<IReadOnlyList<SensorReading>>(SourceNames.Sensors, sources, () => SensorReader.Read(_files, facts.SensorChannels, sources), []),
                Ups = ups,
                Memory = memory,
                Swap = swap,
                LoadAverage = _files.Read(_loadAverage, SourceNames.LoadAverage, static t => LoadAverage.Parse(t), sources),
                UptimeSeconds = _files.ReadStruct(_uptime, SourceNames.Uptime, static t => Uptime.ParseSeconds(t), sources),
                DiskIo = diskIo,
                Emmc = facts.Emmc,
                DiskRates = diskRates,
                Filesystems = Guard<IReadOnlyList<FilesystemUsage>>(SourceNames.Filesystems, sources, () => _storage.ReadFilesystems(facts.Mounts, sources), []),
                NetworkInterfaces = interfaces,
                NetworkRates = networkRates,
                WirelessSignalDbm = _files.Read(_wireless, SourceNames.Wireless, static t => WirelessSignal.Parse(t), sources),
                ActiveConnections = Guard(SourceNames.Tcp, sources, () => _connections.Read(sources), null),
                UsbDevices = Guard(SourceNames.Usb, sources, () => _usb.Count(sources), null),
                RaspberryPi = _raspberryPi is null ? null : Guard(SourceNames.RaspberryPi, sources, () => _raspberryPi.Read(cpu, sources), null),
                Jetson = jetson,
                CombinedCores = CombinedReadings.Cores(cpu, sample),
                CombinedRam = CombinedReadings.Ram(memory, sample),
                CombinedSwap = CombinedReadings.Swap(swap, sample),
                Sources = sources,
                ExpectedSources = ExpectedSources.For(facts.Identity.Board, sources),
            };
        }
    }

    /// <summary>Stops the reader threads and, on a Jetson, tegrastats.</summary>
    public void Dispose()
    {
        _nut?.Dispose();
        _jetson?.Tegrastats.Dispose();
        _files.Dispose();
    }

    /// <summary>Board probes start with the first snapshot that knows the board: vcgencmd on a Pi, tegrastats on a Jetson. True once done.</summary>
    private bool StartBoardProbes(DeviceIdentity identity, IReadOnlyList<HwmonChip> hwmon)
    {
        BoardKind board = identity.Board;
        if (board == BoardKind.RaspberryPi && _raspberryPi is null)
        {
            var vcgencmd = new VcgencmdClient(_files.FileSystem, SystemProcessRunner.Instance, _options.VcgencmdPath, _options.VcgencmdTimeout);
            _raspberryPi = new RaspberryPiProbe(_files, hwmon, vcgencmd, _time, _options.VcgencmdRefreshInterval, identity.Model);
        }
        else if (board == BoardKind.Jetson && _jetson is null)
        {
            var tegrastats = new TegrastatsSource(_options.Tegrastats, _files.FileSystem, SystemProcessRunner.Instance, _time);
            tegrastats.Start();
            _jetson = new JetsonProbe(_files, hwmon, tegrastats, _options.Tegrastats);
        }

        return true;
    }
}

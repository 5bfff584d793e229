using System.IO.Abstractions;
using System.Net.NetworkInformation;
using HardwareProbes.Cpu;
using HardwareProbes.Identity;
using HardwareProbes.Memory;
using HardwareProbes.Network;
using HardwareProbes.Snapshots;
using HardwareProbes.Storage;

namespace HardwareProbes.Windows;

/// <summary>
/// Takes snapshots on Windows from .NET and Win32: processor times, memory status, drives, network interfaces,
/// uptime. What Windows does not give without administrator rights or drivers (load average, temperatures,
/// per-disk I/O counters, USB count) is null, with the reason in <see cref="HardwareSnapshot.Sources"/>.
/// </summary>
public sealed class WindowsSnapshotSource : ISnapshotSource
{
    private readonly IWindowsApi _api;
    private readonly IFileSystem _fileSystem;
    private readonly ProbeOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<IReadOnlyList<InterfaceCounters>?> _interfaces;
    private readonly Func<int?> _connections;
    private readonly Lock _gate = new();
    private DeviceIdentity? _identity;
    private CpuCounters? _previous;
    private CounterRates? _rates;

    /// <summary>Creates a source for this Windows machine.</summary>
    /// <param name="options">The disk paths (drive roots) to report.</param>
    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
    public WindowsSnapshotSource(ProbeOptions options)
        : this(options, TimeProvider.System)
    {
    }

    /// <summary>Creates a source for this Windows machine, with time from <paramref name="timeProvider"/>.</summary>
    /// <param name="options">The disk paths (drive roots) to report.</param>
    /// <param name="timeProvider">The clock for timestamps and measuring windows.</param>
    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
    public WindowsSnapshotSource(ProbeOptions options, TimeProvider timeProvider)
        : this(new Win32Api(), new FileSystem(), options, timeProvider, ReadInterfaces, CountConnections)
    {
    }

    internal WindowsSnapshotSource(IWindowsApi api, IFileSystem fileSystem, ProbeOptions options, TimeProvider time, Func<IReadOnlyList<InterfaceCounters>?> interfaces, Func<int?> connections)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        _api = api;
        _fileSystem = fileSystem;
        _options = options;
        _time = time;
        _interfaces = interfaces;
        _connections = connections;
    }

    /// <inheritdoc/>
    public HardwareSnapshot Collect() => Collect(baseline: null);

    /// <inheritdoc/>
    public HardwareSnapshot CollectOnDemand() => Collect(baseline: null, advance: false);

    /// <inheritdoc/>
    public Task<HardwareSnapshot> CollectOverAsync(TimeSpan window, CancellationToken cancellationToken = default)
        => SnapshotSource.CollectOverAsync(ReadCpuCounters, b => Collect(b, advance: false), window, _time, cancellationToken);

    internal CpuCounters? ReadCpuCounters()
    {
        lock (_gate)
        {
            return ToCpuCounters(_api.ProcessorTimes());
        }
    }

    /// <summary>A snapshot with CPU usage and rates since <paramref name="baseline"/> (or the previous snapshot that advanced); with <paramref name="advance"/> its counters become the next baseline.</summary>
    internal HardwareSnapshot Collect(CpuCounters? baseline, bool advance = true)
    {
        lock (_gate)
        {
            var sources = new Dictionary<string, string>(StringComparer.Ordinal);
            _identity ??= new DeviceIdentity(BoardKind.Windows, _api.SystemModel(), null, _api.ProcessorName(), null, null, null);
            sources[SourceNames.Model] = _identity.Model is null ? "registry: no SystemProductName" : HardwareSnapshot.Ok;

            CpuReading cpu = ReadCpu(baseline ?? _previous, sources);
            if (advance && cpu.Times is not null)
            {
                _previous = cpu.Times;
            }

            (MemoryReading? memory, SwapReading? swap) = ReadMemory(sources);
            IReadOnlyList<InterfaceCounters>? interfaces = Try(SourceNames.NetDev, _interfaces, sources);
            _rates ??= new CounterRates(_time);
            IReadOnlyList<InterfaceRate>? networkRates = _rates.Next(_time.GetTimestamp(), interfaces, null, advance).Network;
            int? connections = Try(SourceNames.Tcp, _connections, sources);
            sources[SourceNames.LoadAverage] = SourceStatus.NotApplicable("Windows has no load average");
            sources[SourceNames.Thermal] = SourceStatus.NotApplicable("temperatures need WMI with administrator rights; not read");
            sources[SourceNames.DiskStats] = SourceStatus.NotApplicable("per-disk I/O counters need performance counters; not read");
            sources[SourceNames.Usb] = SourceStatus.NotApplicable("not read on Windows");

            return new HardwareSnapshot
            {
                Timestamp = _time.GetUtcNow(),
                Identity = _identity,
                Cpu = cpu,
                Memory = memory,
                Swap = swap,
                UptimeSeconds = _api.TickCount64 / 1000.0,
                Filesystems = ReadDrives(sources),
                NetworkInterfaces = interfaces,
                NetworkRates = networkRates,
                ActiveConnections = connections,
                CombinedCores = cpu.Cores,
                CombinedRam = CombinedReadings.Ram(memory, null),
                CombinedSwap = CombinedReadings.Swap(swap, null),
                Sources = sources,
                ExpectedSources = Expected,
            };
        }
    }

    /// <summary>What every Windows machine gives; load average, temperatures, disk I/O and USB are not applicable there.</summary>
    private static readonly string[] Expected = [SourceNames.CpuTimes, SourceNames.Memory, SourceNames.NetDev];

    /// <summary>Nothing to release.</summary>
    public void Dispose()
    {
    }

    /// <summary>
    /// Windows times as tick counters: user → user; kernel minus idle, DPC and interrupt → system; interrupt → irq;
    /// DPC → softirq; idle → idle. Busy and total then mean what they mean on Linux.
    /// </summary>
    internal static CpuCounters? ToCpuCounters(IReadOnlyList<ProcessorTimes>? processors)
    {
        if (processors is null || processors.Count == 0)
        {
            return null;
        }

        var cores = new List<CoreTimes>(processors.Count);
        CpuTimes total = default;
        for (int id = 0; id < processors.Count; id++)
        {
            ProcessorTimes p = processors[id];
            ulong system = (ulong)Math.Max(0, p.Kernel - p.Idle - p.Dpc - p.Interrupt);
            var times = new CpuTimes((ulong)p.User, 0, system, (ulong)p.Idle, 0, (ulong)p.Interrupt, (ulong)p.Dpc, 0, 0, 0);
            cores.Add(new CoreTimes(id, times));
            total = new CpuTimes(total.User + times.User, 0, total.System + times.System, total.Idle + times.Idle, 0, total.Irq + times.Irq, total.SoftIrq + times.SoftIrq, 0, 0, 0);
        }

        return new CpuCounters(total, cores);
    }

    private CpuReading ReadCpu(CpuCounters? baseline, Dictionary<string, string> sources)
    {
        CpuCounters? stat = ToCpuCounters(_api.ProcessorTimes());
        sources[SourceNames.CpuTimes] = stat is null ? "NtQuerySystemInformation gave no processor times" : HardwareSnapshot.Ok;
        IReadOnlyList<(double CurrentMhz, double MaxMhz)>? frequencies = _api.ProcessorFrequencies();
        sources[SourceNames.CpuFrequency] = frequencies is null ? "CallNtPowerInformation gave no frequencies" : HardwareSnapshot.Ok;
        double? total = stat is not null && baseline is not null ? CpuUsage.Percent(baseline.Total, stat.Total) : null;
        sources[SourceNames.CpuUsage] = CpuUsage.Status(stat, baseline, total);

        var cores = new List<CpuCore>();
        foreach (CoreTimes core in stat?.Cores ?? [])
        {
            CoreTimes? before = baseline?.Cores.FirstOrDefault(c => c.Id == core.Id);
            double? usage = before is { } b ? CpuUsage.Percent(b.Times, core.Times) : null;
            (double CurrentMhz, double MaxMhz)? f = frequencies is not null && core.Id < frequencies.Count ? frequencies[core.Id] : null;
            cores.Add(new CpuCore(core.Id, true, usage, f?.CurrentMhz, f?.MaxMhz));
        }

        double? mean = cores.Count > 0 && cores.All(c => c.FrequencyMhz is not null) ? cores.Average(c => c.FrequencyMhz!.Value) : null;
        return new CpuReading(total, mean, cores, stat);
    }

    /// <summary>psutil's Windows definitions: used = total − available; swap = the page file beyond physical memory.</summary>
    private (MemoryReading?, SwapReading?) ReadMemory(Dictionary<string, string> sources)
    {
        if (_api.MemoryStatus() is not MemoryStatus m)
        {
            sources[SourceNames.Memory] = "GlobalMemoryStatusEx failed";
            return (null, null);
        }

        sources[SourceNames.Memory] = HardwareSnapshot.Ok;
        long total = (long)m.TotalPhysical;
        long available = (long)m.AvailablePhysical;
        double percent = total > 0 ? (total - available) * 100.0 / total : 0;
        var memory = new MemoryReading(total, available, total - available, available, 0, 0, percent, false);

        long swapTotal = Math.Max(0, (long)m.TotalPageFile - total);
        long swapUsed = Math.Clamp(((long)m.TotalPageFile - (long)m.AvailablePageFile) - (total - available), 0, swapTotal);
        var swap = new SwapReading(swapTotal, swapUsed, swapTotal - swapUsed, swapTotal > 0 ? swapUsed * 100.0 / swapTotal : 0);
        return (memory, swap);
    }

    private List<FilesystemUsage> ReadDrives(Dictionary<string, string> sources)
    {
        var usage = new List<FilesystemUsage>();
        foreach (string path in _options.DiskPaths)
        {
            try
            {
                IDriveInfo drive = _fileSystem.DriveInfo.New(path);
                usage.Add(FilesystemUsage.FromStatvfs(path, drive.TotalSize, drive.TotalFreeSpace, drive.AvailableFreeSpace));
                sources[SourceNames.Disk(path)] = HardwareSnapshot.Ok;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                sources[SourceNames.Disk(path)] = $"{path}: {e.Message}";
            }
        }

        return usage;
    }

    private static T? Try<T>(string source, Func<T?> read, Dictionary<string, string> sources)
    {
        try
        {
            T? value = read();
            sources[source] = value is null ? "not available" : HardwareSnapshot.Ok;
            return value;
        }
        catch (Exception e) when (e is NetworkInformationException or PlatformNotSupportedException or InvalidOperationException)
        {
            sources[source] = e.Message;
            return default;
        }
    }

    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
    private static IReadOnlyList<InterfaceCounters>? ReadInterfaces()
    {
        var list = new List<InterfaceCounters>();
        foreach (NetworkInterface nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            IPInterfaceStatistics s = nic.GetIPStatistics();
            string name = nic.NetworkInterfaceType == NetworkInterfaceType.Loopback ? "lo" : nic.Name;
            list.Add(new InterfaceCounters(
                name,
                (ulong)s.BytesReceived,
                (ulong)(s.UnicastPacketsReceived + s.NonUnicastPacketsReceived),
                (ulong)s.IncomingPacketsWithErrors,
                (ulong)s.IncomingPacketsDiscarded,
                (ulong)s.BytesSent,
                (ulong)(s.UnicastPacketsSent + s.NonUnicastPacketsSent),
                (ulong)s.OutgoingPacketsWithErrors,
                (ulong)s.OutgoingPacketsDiscarded));
        }

        return list;
    }

    /// <summary>GetActiveTcpConnections lists connections, not listeners: every entry is a socket not in LISTEN.</summary>
    private static int? CountConnections() => IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpConnections().Length;
}

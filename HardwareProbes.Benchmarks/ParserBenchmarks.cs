using BenchmarkDotNet.Attributes;
using HardwareProbes.Cpu;
using HardwareProbes.Machine;
using HardwareProbes.Identity;
using HardwareProbes.Jetson;
using HardwareProbes.Memory;
using HardwareProbes.Network;
using HardwareProbes.Storage;

namespace HardwareProbes.Benchmarks;

/// <summary>Each parser over a real capture: the cost of one file per sample.</summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private string _stat = string.Empty;
    private string _meminfo = string.Empty;
    private string _diskstats = string.Empty;
    private string _netDev = string.Empty;
    private string _wireless = string.Empty;
    private string _tcp6 = string.Empty;
    private string _loadavg = string.Empty;
    private string _cpuinfo = string.Empty;
    private string _tegrastats = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _stat = FixturePaths.Capture("procfs__proc_stat.txt");
        _meminfo = FixturePaths.Capture("edge__meminfo__x86_kernel3.14plus_with_MemAvailable.txt");
        _diskstats = FixturePaths.Capture("procfs__proc_diskstats.txt");
        _netDev = FixturePaths.Capture("procfs__proc_net_dev.txt");
        _wireless = FixturePaths.Capture("edge__net_wireless__one_iface_WE22_header.txt");
        _tcp6 = FixturePaths.Capture("procfs__proc_net_tcp6.txt");
        _loadavg = FixturePaths.Capture("procfs__proc_loadavg.txt");
        _cpuinfo = FixturePaths.Capture("procfs__proc_cpuinfo.txt");
        _tegrastats = FixturePaths.Capture("tegrastats__orin_nano_8gb__jp6__root_nvenc_nvdec_vic_busy.txt").Trim();
    }

    [Benchmark]
    public CpuCounters CpuCounters() => Cpu.CpuCounters.Parse(_stat);

    [Benchmark]
    public MemInfo MemInfo() => Memory.MemInfo.Parse(_meminfo);

    [Benchmark]
    public IReadOnlyList<DiskDeviceCounters> ProcDiskStats() => Storage.ProcDiskStats.Parse(_diskstats);

    [Benchmark]
    public IReadOnlyList<InterfaceCounters> NetDev() => Network.NetDev.Parse(_netDev);

    [Benchmark]
    public IReadOnlyDictionary<string, int> Wireless() => WirelessSignal.Parse(_wireless);

    [Benchmark]
    public int Tcp6() => TcpSockets.CountNotListening(_tcp6);

    [Benchmark]
    public LoadAverage LoadAverage() => Machine.LoadAverage.Parse(_loadavg);

    [Benchmark]
    public CpuInfo CpuInfo() => Identity.CpuInfo.Parse(_cpuinfo);

    [Benchmark]
    public TegrastatsSample Tegrastats() => TegrastatsLine.Parse(_tegrastats);
}

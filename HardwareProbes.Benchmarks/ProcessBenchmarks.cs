using BenchmarkDotNet.Attributes;
using HardwareProbes.RunningProcesses;

namespace HardwareProbes.Benchmarks;

/// <summary>
/// One collection of the process list over a tree of 300 processes (each a copy of the captured
/// <c>proc/26231</c>: stat, status and cmdline), with and without the previous table as the CPU baseline.
/// </summary>
[MemoryDiagnoser]
public class ProcessBenchmarks
{
    private const int Processes = 300;
    private string _root = string.Empty;
    private ProcessCollector? _collector;
    private ProcessTable? _previous;

    [GlobalSetup]
    public void Setup()
    {
        string capture = Path.Combine(FixturePaths.Root, "captures", "processes");
        _root = Path.Combine(Path.GetTempPath(), $"pistat-process-bench-{Guid.NewGuid():N}");
        string proc = Path.Combine(_root, "proc");
        Directory.CreateDirectory(Path.Combine(_root, "etc"));
        File.Copy(Path.Combine(capture, "etc", "passwd"), Path.Combine(_root, "etc", "passwd"));
        Directory.CreateDirectory(proc);
        File.Copy(Path.Combine(capture, "proc", "uptime"), Path.Combine(proc, "uptime"));
        File.Copy(Path.Combine(capture, "proc", "meminfo"), Path.Combine(proc, "meminfo"));
        string stat = File.ReadAllText(Path.Combine(capture, "proc", "26231", "stat"));
        for (int i = 0; i < Processes; i++)
        {
            string pid = (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            string dir = Path.Combine(proc, pid);
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "stat"), pid + stat[stat.IndexOf(' ', StringComparison.Ordinal)..]);
            File.Copy(Path.Combine(capture, "proc", "26231", "status"), Path.Combine(dir, "status"));
            File.Copy(Path.Combine(capture, "proc", "26231", "cmdline"), Path.Combine(dir, "cmdline"));
        }

        _collector = new ProcessCollector(new ProbeOptions { ProcPath = proc, EtcPath = Path.Combine(_root, "etc") });
        _previous = _collector.Collect();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _collector?.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Benchmark]
    public ProcessTable FirstCollection() => _collector!.Collect();

    [Benchmark]
    public ProcessTable WithPreviousTable() => _collector!.Collect(_previous);
}

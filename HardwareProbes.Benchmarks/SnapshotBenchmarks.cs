using BenchmarkDotNet.Attributes;
using HardwareProbes.Snapshots;

namespace HardwareProbes.Benchmarks;

/// <summary>One full composed snapshot of a fixture tree: every file read through the bounded reader and parsed.</summary>
[MemoryDiagnoser]
public class SnapshotBenchmarks
{
    private LinuxSnapshotSource? _source;

    [Params("x86-server", "raspberry-pi-4", "jetson-orin-nano")]
    public string Board { get; set; } = "x86-server";

    [GlobalSetup]
    public void Setup()
    {
        string root = Path.Combine(FixturePaths.Root, Board);
        _source = new LinuxSnapshotSource(new ProbeOptions
        {
            ProcPath = Path.Combine(root, "proc"),
            SysPath = Path.Combine(root, "sys"),
            EtcPath = Path.Combine(root, "etc"),
            DiskPaths = ["/"],
        });
        _source.Collect(); // static facts are read once; the benchmark measures the steady state
    }

    [GlobalCleanup]
    public void Cleanup() => _source?.Dispose();

    [Benchmark]
    public HardwareSnapshot Collect() => _source!.Collect();
}

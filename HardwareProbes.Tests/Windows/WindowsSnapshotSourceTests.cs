using System.IO.Abstractions.TestingHelpers;
using HardwareProbes.Identity;
using HardwareProbes.Network;
using HardwareProbes.Snapshots;
using HardwareProbes.Windows;
using Microsoft.Extensions.Time.Testing;

namespace HardwareProbes.Tests.Windows;

/// <summary>The Windows source's mapping, driven through its Win32 seam with values in the shapes Windows returns.</summary>
[TestClass]
public sealed class WindowsSnapshotSourceTests
{
    private sealed class FakeApi : IWindowsApi
    {
        public List<ProcessorTimes>? Times { get; set; }

        public MemoryStatus? Memory { get; set; }

        public long TickCount64 { get; set; } = 3_600_000;

        public IReadOnlyList<ProcessorTimes>? ProcessorTimes() => Times?.ToList();

        MemoryStatus? IWindowsApi.MemoryStatus() => Memory;

        public string? ProcessorName() => "Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz";

        public string? SystemModel() => "LENOVO 20L8S02D00";

        public IReadOnlyList<(double CurrentMhz, double MaxMhz)>? ProcessorFrequencies() => [(1900, 2112), (1700, 2112)];
    }

    /// <summary>A drive root MockFileSystem accepts on the machine running the tests.</summary>
    private static readonly string Root = OperatingSystem.IsWindows() ? @"C:\" : "/";

    private static WindowsSnapshotSource Source(FakeApi api, MockFileSystem? fs = null)
        => new(api, fs ?? new MockFileSystem(), new ProbeOptions { DiskPaths = [Root, "Z:no-such-drive"] }, new FakeTimeProvider(), () => [new InterfaceCounters("Ethernet", 1000, 10, 0, 1, 2000, 20, 0, 0)], () => 7);

    [TestMethod]
    public void ToCpuCounters_KernelTimeIncludesIdleDpcAndInterrupt()
    {
        // 100 ns units: kernel 500 of which idle 300, DPC 20, interrupt 30; user 200.
        var stat = WindowsSnapshotSource.ToCpuCounters([new ProcessorTimes(Idle: 300, Kernel: 500, User: 200, Dpc: 20, Interrupt: 30)])!;

        Assert.AreEqual(200UL, stat.Total.User);
        Assert.AreEqual(150UL, stat.Total.System);
        Assert.AreEqual(30UL, stat.Total.Irq);
        Assert.AreEqual(20UL, stat.Total.SoftIrq);
        Assert.AreEqual(300UL, stat.Total.Idle);
        Assert.AreEqual(400UL, stat.Total.Busy, "user + kernel − idle");
        Assert.AreEqual(700UL, stat.Total.Total, "user + kernel");
    }

    [TestMethod]
    public void NetworkRates_RunBetweenCollects_AndAnOnDemandSnapshotLeavesTheWindowWhole()
    {
        var time = new FakeTimeProvider();
        ulong received = 1_000;
        using var source = new WindowsSnapshotSource(new FakeApi(), new MockFileSystem(), new ProbeOptions { DiskPaths = [] }, time, () => [new InterfaceCounters("Ethernet", received, 10, 0, 1, 2000, 20, 0, 0)], () => 7);
        HardwareSnapshot first = source.Collect();
        received += 500;
        time.Advance(TimeSpan.FromSeconds(0.5));
        HardwareSnapshot onDemand = source.CollectOnDemand();
        received += 1_500;
        time.Advance(TimeSpan.FromSeconds(0.5));
        HardwareSnapshot second = source.Collect();

        Assert.IsNull(first.NetworkRates, "no rate before a second reading");
        Assert.AreEqual(1_000.0, onDemand.NetworkRates!.Single().ReceiveBytesPerSecond, "500 bytes over the 0.5 s since the collect");
        Assert.AreEqual(2_000.0, second.NetworkRates!.Single().ReceiveBytesPerSecond, "2,000 bytes over the whole second");
        Assert.AreEqual(0.0, second.NetworkRates!.Single().SendBytesPerSecond);
    }

    [TestMethod]
    public void Collect_TwoReadings_UsageFromProcessorTimes()
    {
        var api = new FakeApi { Times = [new(1000, 2000, 1000, 0, 0), new(1000, 2000, 1000, 0, 0)] };
        using WindowsSnapshotSource source = Source(api);
        HardwareSnapshot first = source.Collect(null);
        api.Times = [new(1000 + 75, 2000 + 100, 1000 + 0, 0, 0), new(1000 + 10, 2000 + 50, 1000 + 50, 0, 0)];

        HardwareSnapshot second = source.Collect(null);

        Assert.IsNull(first.Cpu.UsagePercent);
        Assert.AreEqual(25.0, second.Cpu.Cores[0].UsagePercent!.Value, 1e-9, "cpu0: 25 busy of 100");
        Assert.AreEqual(90.0, second.Cpu.Cores[1].UsagePercent!.Value, 1e-9, "cpu1: 90 busy of 100");
        Assert.AreEqual(57.5, second.Cpu.UsagePercent!.Value, 1e-9);
        Assert.AreEqual(1800.0, second.Cpu.FrequencyMhz);
        Assert.AreEqual(2112.0, second.Cpu.Cores[1].MaxFrequencyMhz);
    }

    [TestMethod]
    public void Collect_MemoryAndPageFile_UsePsutilsWindowsDefinitions()
    {
        const ulong GiB = 1UL << 30;
        var api = new FakeApi { Memory = new MemoryStatus(16 * GiB, 6 * GiB, 20 * GiB, 9 * GiB) };
        using WindowsSnapshotSource source = Source(api);

        HardwareSnapshot s = source.Collect(null);

        Assert.AreEqual((long)(16 * GiB), s.Memory!.TotalBytes);
        Assert.AreEqual((long)(6 * GiB), s.Memory.AvailableBytes);
        Assert.AreEqual((long)(10 * GiB), s.Memory.UsedBytes);
        Assert.AreEqual(62.5, s.Memory.Percent, 1e-9);
        Assert.AreEqual((long)(4 * GiB), s.Swap!.TotalBytes, "page file beyond physical memory");
        Assert.AreEqual((long)(1 * GiB), s.Swap.UsedBytes, "commit used (11) minus physical used (10)");
    }

    [TestMethod]
    public void Collect_WhatWindowsCannotGive_IsNullWithAReason()
    {
        using WindowsSnapshotSource source = Source(new FakeApi());

        HardwareSnapshot s = source.Collect(null);

        Assert.AreEqual(BoardKind.Windows, s.Identity.Board);
        Assert.AreEqual("LENOVO 20L8S02D00", s.Identity.Model);
        Assert.AreEqual("Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz", s.Identity.CpuModel);
        Assert.AreEqual(3600.0, s.UptimeSeconds);
        Assert.IsNull(s.LoadAverage);
        Assert.IsNull(s.DiskIo);
        Assert.IsNull(s.CpuTemperatureCelsius);
        Assert.IsNull(s.Memory, "no memory status from the fake");
        Assert.AreEqual("GlobalMemoryStatusEx failed", s.Sources["memory"]);
        Assert.AreEqual("not applicable: Windows has no load average", s.Sources["loadavg"]);
        Assert.AreEqual(SourceState.NotApplicable, s.StateOf(SourceNames.LoadAverage));
        CollectionAssert.AreEquivalent(new[] { "cpu_times", "memory" }, s.ExpectedFailures.Select(f => f.Key).ToArray());
        Assert.AreEqual("NtQuerySystemInformation gave no processor times", s.Sources["cpu_times"]);
        Assert.AreEqual(7, s.ActiveConnections);
        Assert.AreEqual(2000UL, s.NetworkInterfaces!.Single().BytesSent);
        Assert.AreEqual(HardwareSnapshot.Ok, s.Sources[$"disk:{Root}"]);
        Assert.AreEqual(Root, s.Filesystems.Single().MountPoint);
        StringAssert.StartsWith(s.Sources["disk:Z:no-such-drive"], "Z:no-such-drive: ");
    }

    [TestMethod]
    public void RealApi_OffWindows_AnswersNullNotAnError()
    {
        var api = new Win32Api();

        Assert.IsNull(api.ProcessorTimes());
        Assert.IsNull(api.MemoryStatus());
        Assert.IsNull(api.ProcessorName());
        Assert.IsNull(api.SystemModel());
    }
}

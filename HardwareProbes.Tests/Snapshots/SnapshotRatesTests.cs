using System.IO.Abstractions;
using HardwareProbes.Network;
using HardwareProbes.Snapshots;
using HardwareProbes.Storage;
using Microsoft.Extensions.Time.Testing;

namespace HardwareProbes.Tests.Snapshots;

/// <summary>Rates between consecutive snapshots of the Raspberry Pi 4 fixture, whose counters the test moves on by known amounts.</summary>
[TestClass]
public sealed class SnapshotRatesTests
{
    private const string Eth0 = "  eth0: 874354587 1036395    0    0    0     0          0         0 563352563  732147    0    0    0     0       0          0";
    private const string Sda = "   8       0 sda 25354637 34367663 1003346126 18492372 28444756 11134226 505697032 63877960 0 9653880 82621804";

    private static void Replace(string file, string line, string with) => File.WriteAllText(file, File.ReadAllText(file).Replace(line, with, StringComparison.Ordinal));

    [TestMethod]
    public void SecondSnapshot_HasBytesAndPacketsPerSecond_OverTheTimeBetween()
    {
        string root = Fixtures.CopyBoard("raspberry-pi-4");
        try
        {
            var time = new FakeTimeProvider();
            using var source = new LinuxSnapshotSource(new FileSystem(), Fixtures.OptionsFor(root), time);
            HardwareSnapshot first = source.Collect();

            // 2 s later: eth0 received 2000 bytes in 20 packets and sent 1000 in 10; sda read 16 times, 2048 sectors (1 MiB) and wrote nothing.
            Replace(Path.Combine(root, "proc", "net", "dev"), Eth0, "  eth0: 874356587 1036415    0    0    0     0          0         0 563353563  732157    0    0    0     0       0          0");
            Replace(Path.Combine(root, "proc", "diskstats"), Sda, "   8       0 sda 25354653 34367663 1003348174 18492372 28444756 11134226 505697032 63877960 0 9653880 82621804");
            time.Advance(TimeSpan.FromSeconds(2));
            HardwareSnapshot second = source.Collect();

            Assert.IsNull(first.NetworkRates, "no rate before a second reading");
            Assert.IsNull(first.DiskRates);
            InterfaceRate eth0 = second.NetworkRates!.Single(r => r.Name == "eth0");
            Assert.AreEqual(new InterfaceRate("eth0", 1000, 500, 10, 5), eth0);
            Assert.AreEqual(new InterfaceRate("lo", 0, 0, 0, 0), second.NetworkRates!.Single(r => r.Name == "lo"));
            Assert.AreEqual(new DiskIoRate(524288, 0, 8, 0), second.DiskRates);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestMethod]
    public void AnOnDemandSnapshotBetweenTwoSamples_MeasuresFromTheFirst_AndLeavesTheSecondItsWholeWindow()
    {
        string root = Fixtures.CopyBoard("raspberry-pi-4");
        try
        {
            var time = new FakeTimeProvider();
            using var source = new LinuxSnapshotSource(new FileSystem(), Fixtures.OptionsFor(root), time);
            source.Collect();

            // 0.5 s on, someone asks (cache=false): eth0 has received 1000 bytes since the sample.
            string half = "  eth0: 874355587 1036395    0    0    0     0          0         0 563352563  732147    0    0    0     0       0          0";
            Replace(Path.Combine(root, "proc", "net", "dev"), Eth0, half);
            time.Advance(TimeSpan.FromSeconds(0.5));
            HardwareSnapshot onDemand = source.CollectOnDemand();

            // 1 s after the first sample, the next: 3000 bytes in all.
            Replace(Path.Combine(root, "proc", "net", "dev"), half, half.Replace("874355587", "874357587", StringComparison.Ordinal));
            time.Advance(TimeSpan.FromSeconds(0.5));
            HardwareSnapshot sample = source.Collect();

            Assert.AreEqual(2000.0, onDemand.NetworkRates!.Single(r => r.Name == "eth0").ReceiveBytesPerSecond, "1000 bytes over the 0.5 s since the sample");
            Assert.AreEqual(3000.0, sample.NetworkRates!.Single(r => r.Name == "eth0").ReceiveBytesPerSecond, "the sample's window is the whole second");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestMethod]
    public void CounterGoingBackwards_IsNullForThatSample_ThenCountsAgain()
    {
        string root = Fixtures.CopyBoard("raspberry-pi-4");
        try
        {
            var time = new FakeTimeProvider();
            using var source = new LinuxSnapshotSource(new FileSystem(), Fixtures.OptionsFor(root), time);
            source.Collect();

            // The interface was re-created: its received bytes start again from a small number.
            string reset = "  eth0: 1000 1036400    0    0    0     0          0         0 563352563  732147    0    0    0     0       0          0";
            Replace(Path.Combine(root, "proc", "net", "dev"), Eth0, reset);
            time.Advance(TimeSpan.FromSeconds(1));
            InterfaceRate backwards = source.Collect().NetworkRates!.Single(r => r.Name == "eth0");
            Replace(Path.Combine(root, "proc", "net", "dev"), reset, reset.Replace(" 1000 ", " 4000 ", StringComparison.Ordinal));
            time.Advance(TimeSpan.FromSeconds(1));
            InterfaceRate after = source.Collect().NetworkRates!.Single(r => r.Name == "eth0");

            Assert.AreEqual(new InterfaceRate("eth0", null, 0, 5, 0), backwards);
            Assert.AreEqual(3000.0, after.ReceiveBytesPerSecond);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestMethod]
    public void NoTimeBetweenTwoSnapshots_GivesNoRate()
    {
        var time = new FakeTimeProvider();
        using var source = new LinuxSnapshotSource(new FileSystem(), Fixtures.OptionsFor(Fixtures.Board("raspberry-pi-4")), time);
        source.Collect();

        HardwareSnapshot again = source.Collect();

        Assert.IsNull(again.NetworkRates);
        Assert.IsNull(again.DiskRates);
    }
}

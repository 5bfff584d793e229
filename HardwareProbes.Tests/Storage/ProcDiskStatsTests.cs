using HardwareProbes.Storage;

namespace HardwareProbes.Tests.Storage;

[TestClass]
public sealed class DiskStatsTests
{
    [TestMethod]
    [DataRow("procfs__proc_diskstats.txt", 52)]
    [DataRow("node_exporter__proc_diskstats.txt", 51)]
    public void Parse_FileMixing14And18And20FieldLines_ReadsEveryLine(string capture, int lines)
    {
        IReadOnlyList<DiskDeviceCounters> disks = ProcDiskStats.Parse(Fixtures.Capture(capture));

        Assert.HasCount(lines, disks);
        DiskDeviceCounters sda = disks.Single(d => d.Name == "sda");
        Assert.AreEqual(new DiskDeviceCounters(8, 0, "sda", 25354637, 1003346126, 28444756, 505697032, 9653880), sda);
    }

    [TestMethod]
    public void Parse_TwentyFieldLine_ReadsTheSameLeadingCounters()
    {
        // 8 0 sdc 14202 71 579164 21861 2995 1589 180500 40875 0 11628 55200 0 0 0 0 127 182
        DiskDeviceCounters sdc = ProcDiskStats.Parse(Fixtures.Capture("procfs__proc_diskstats.txt")).Single(d => d.Name == "sdc");

        Assert.AreEqual(new DiskDeviceCounters(8, 0, "sdc", 14202, 579164, 2995, 180500, 11628), sdc);
    }

    [TestMethod]
    public void Sum_ByName_CountsWholeDisksOnly()
    {
        IReadOnlyList<DiskDeviceCounters> disks = ProcDiskStats.Parse(Fixtures.Capture("procfs__proc_diskstats.txt"));

        DiskIoCounters io = DiskIoCounters.Sum(disks, name => ProcDiskStats.LooksLikeWholeDisk(name));

        CollectionAssert.AreEquivalent(new[] { "sda", "mmcblk0", "vda", "nvme0n1", "sdb", "sdc" }, io.Disks.ToArray());
        Assert.AreEqual(27518481UL, io.ReadCount);
        Assert.AreEqual(35606749UL, io.WriteCount);
        Assert.AreEqual(538060535808UL, io.ReadBytes);
        Assert.AreEqual(389601029120UL, io.WriteBytes);
    }

    [TestMethod]
    [DataRow("sda", true)]
    [DataRow("sda1", false)]
    [DataRow("mmcblk0", true)]
    [DataRow("mmcblk0p2", false)]
    [DataRow("nvme0n1", true)]
    [DataRow("nvme0n1p1", false)]
    [DataRow("vda", true)]
    [DataRow("xvda3", false)]
    [DataRow("loop0", false)]
    [DataRow("ram15", false)]
    [DataRow("zram0", false)]
    [DataRow("dm-0", false)]
    [DataRow("md127", false)]
    [DataRow("sr0", false)]
    public void LooksLikeWholeDisk_ByName(string name, bool expected)
    {
        Assert.AreEqual(expected, ProcDiskStats.LooksLikeWholeDisk(name));
    }

    [TestMethod]
    public void Parse_LineWithTooFewCounters_NamesTheLine()
    {
        var error = Assert.ThrowsExactly<FormatException>(() => ProcDiskStats.Parse("   8       0 sda 1 2 3\n"));

        StringAssert.StartsWith(error.Message, "line 1 ");
        StringAssert.Contains(error.Message, "missing counter 4 of 11");
    }
}

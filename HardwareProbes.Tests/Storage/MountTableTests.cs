using HardwareProbes.Storage;

namespace HardwareProbes.Tests.Storage;

[TestClass]
public sealed class MountTableTests
{
    private static readonly IReadOnlyList<MountEntry> Pi4 = MountTable.Parse(File.ReadAllText(Path.Combine(Fixtures.Board("raspberry-pi-4"), "proc", "mounts")));

    [TestMethod]
    public void Parse_RaspberryPiCapture_ReadsEveryLine()
    {
        Assert.AreEqual(28, Pi4.Count);
        Assert.AreEqual(new MountEntry("/dev/mmcblk0p2", "/", "ext4"), Pi4[5]);
        Assert.AreEqual(new MountEntry("gvfsd-fuse", "/run/user/1000/gvfs", "fuse.gvfsd-fuse"), Pi4[26]);
    }

    [TestMethod]
    [DataRow("/", "/dev/mmcblk0p2")]
    [DataRow("/home/pi", "/dev/mmcblk0p2")]
    [DataRow("/boot/firmware", "/dev/mmcblk0p1")]
    [DataRow("/boot/firmware/", "/dev/mmcblk0p1")]
    [DataRow("/boot/firmware/config.txt", "/dev/mmcblk0p1")]
    [DataRow("/boot/firmwarex", "/dev/mmcblk0p2")]
    [DataRow("/run/user/1000/gvfs/x", "gvfsd-fuse")]
    public void Holding_PicksTheDeepestMountAboveThePath(string path, string device)
    {
        Assert.AreEqual(device, MountTable.Holding(Pi4, path)?.Device);
    }

    [TestMethod]
    public void Parse_OctalEscapes_AreDecoded_AndTheLastMountAtAPointWins()
    {
        IReadOnlyList<MountEntry> mounts = MountTable.Parse("/dev/sda1 /media/pi/My\\040Disk exfat rw 0 0\nshort line\n\n/dev/sdb1 /media/pi/My\\040Disk vfat rw 0 0\nodd /a\\\\b ext4 rw 0 0\n");

        Assert.AreEqual(3, mounts.Count);
        Assert.AreEqual("/media/pi/My Disk", mounts[0].MountPoint);
        Assert.AreEqual("/a\\\\b", mounts[2].MountPoint, "a backslash not followed by three octal digits stays");
        Assert.AreEqual("/dev/sdb1", MountTable.Holding(mounts, "/media/pi/My Disk/photos")?.Device);
        Assert.IsNull(MountTable.Holding(mounts, "relative/path"));
    }
}

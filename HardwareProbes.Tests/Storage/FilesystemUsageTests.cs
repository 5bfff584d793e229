using HardwareProbes.Storage;

namespace HardwareProbes.Tests.Storage;

[TestClass]
public sealed class FilesystemUsageTests
{
    [TestMethod]
    public void FromStatvfs_ReservedBlocks_AreNeitherUsedNorFree()
    {
        // 100 GiB disk, 30 GiB free of which 5 GiB reserved for root: df shows 70 used, 25 available, 74 %.
        const long GiB = 1L << 30;

        FilesystemUsage usage = FilesystemUsage.FromStatvfs("/", 100 * GiB, 30 * GiB, 25 * GiB);

        Assert.AreEqual(70 * GiB, usage.UsedBytes);
        Assert.AreEqual(25 * GiB, usage.FreeBytes);
        Assert.AreEqual(70.0 / 95.0 * 100, usage.Percent, 1e-9);
    }

    [TestMethod]
    public void FromStatvfs_EmptyFilesystem_IsZeroPercent()
    {
        Assert.AreEqual(0.0, FilesystemUsage.FromStatvfs("/proc", 0, 0, 0).Percent);
    }
}

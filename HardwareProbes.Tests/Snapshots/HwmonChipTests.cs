using System.Collections.Concurrent;
using System.IO.Abstractions;
using HardwareProbes.Snapshots;

namespace HardwareProbes.Tests.Snapshots;

/// <summary>
/// The hwmon tree is listed once per static refresh: temperature sensors, fans, the Pi's under-voltage alarm and a
/// Jetson's over-current counters all read that one list of chips.
/// </summary>
[TestClass]
public sealed class HwmonChipTests
{
    [TestMethod]
    [DataRow("raspberry-pi-4", "rpi_volt")]
    [DataRow("raspberry-pi-5", "pwmfan")]
    [DataRow("jetson-orin-nano", "soctherm_oc")]
    [DataRow("x86-server", "coretemp")]
    public void AFirstSnapshot_ListsTheHwmonFolderOnce_AndEveryReaderFindsItsChip(string board, string chip)
    {
        var fileSystem = new CountingFileSystem();
        string root = Fixtures.Board(board);
        using var source = new LinuxSnapshotSource(fileSystem, Fixtures.OptionsWithToolsFor(board, root), TimeProvider.System);

        HardwareSnapshot snapshot = source.Collect();

        string hwmon = Path.Combine(root, "sys", "class", "hwmon");
        Assert.AreEqual(1, fileSystem.ListingsOf(hwmon), "listings of " + hwmon);
        Assert.AreEqual(HardwareSnapshot.Ok, snapshot.Sources[SourceNames.Hwmon]);
        switch (chip)
        {
            case "rpi_volt":
                Assert.IsNotNull(snapshot.RaspberryPi!.UnderVoltageNow, "the Pi probe found rpi_volt's alarm in the list");
                break;
            case "soctherm_oc":
                Assert.IsNotEmpty(snapshot.Jetson!.OverCurrent, "the Jetson probe found soctherm_oc's counters in the list");
                break;
            case "pwmfan":
                Assert.IsTrue(snapshot.Fans.Any(f => f.Name.StartsWith("pwmfan ", StringComparison.Ordinal)), "the fans were found in the list");
                break;
            default:
                Assert.IsTrue(snapshot.Temperatures.Any(t => t.Name.StartsWith(chip + " ", StringComparison.Ordinal)), "the sensors were found in the list");
                break;
        }
    }

    /// <summary>The real file system, counting how often each folder is listed.</summary>
    private sealed class CountingFileSystem : FileSystem
    {
        private readonly ConcurrentDictionary<string, int> _listings = new(StringComparer.Ordinal);

        public CountingFileSystem() => Directory = new CountingDirectory(this);

        public override IDirectory Directory { get; }

        public int ListingsOf(string folder) => _listings.GetValueOrDefault(System.IO.Path.GetFullPath(folder));

        private sealed class CountingDirectory(CountingFileSystem owner) : DirectoryWrapper(owner)
        {
            public override IEnumerable<string> EnumerateFileSystemEntries(string path, string searchPattern)
            {
                owner._listings.AddOrUpdate(System.IO.Path.GetFullPath(path), 1, (_, n) => n + 1);
                return base.EnumerateFileSystemEntries(path, searchPattern);
            }
        }
    }
}

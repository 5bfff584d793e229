using System.IO.Abstractions.TestingHelpers;
using HardwareProbes.Snapshots;
using HardwareProbes.Thermal;

namespace HardwareProbes.Tests.Snapshots;

/// <summary>
/// A thermal zone the kernel also shows as an hwmon chip is one sensor: the zone's name, the chip's as its alias. A chip
/// that only shares a name (it has a device, or more than one input) is a sensor of its own.
/// </summary>
[TestClass]
public sealed class SensorMirrorTests
{
    private static IReadOnlyList<TemperatureReading> Read(MockFileSystem files)
    {
        files.AddFile("/proc/stat", new MockFileData("cpu  1 0 1 10 0 0 0 0 0 0\ncpu0 1 0 1 10 0 0 0 0 0 0\n"));
        using var source = new LinuxSnapshotSource(files, new ProbeOptions { ProcPath = "/proc", SysPath = "/sys", EtcPath = "/etc", DiskPaths = [] }, TimeProvider.System);
        return source.Collect().Temperatures;
    }

    [TestMethod]
    public void AZonesHwmonMirror_IsFoldedIntoTheZone_AsItsAlias()
    {
        var files = new MockFileSystem();
        files.AddFile("/sys/class/thermal/thermal_zone0/type", new MockFileData("acpitz\n"));
        files.AddFile("/sys/class/thermal/thermal_zone0/temp", new MockFileData("27800\n"));
        files.AddFile("/sys/class/thermal/thermal_zone1/type", new MockFileData("soc-thermal\n"));
        files.AddFile("/sys/class/thermal/thermal_zone1/temp", new MockFileData("41000\n"));
        files.AddFile("/sys/class/hwmon/hwmon0/name", new MockFileData("acpitz\n"));
        files.AddFile("/sys/class/hwmon/hwmon0/temp1_input", new MockFileData("27800\n"));
        files.AddFile("/sys/class/hwmon/hwmon1/name", new MockFileData("soc_thermal\n"));
        files.AddFile("/sys/class/hwmon/hwmon1/temp1_input", new MockFileData("41000\n"));

        IReadOnlyList<TemperatureReading> readings = Read(files);

        CollectionAssert.AreEqual(
            new TemperatureReading[]
            {
                new("acpitz", "thermal_zone0", 27.8, null) { Alias = "acpitz temp1" },
                new("soc-thermal", "thermal_zone1", 41.0, null) { Alias = "soc_thermal temp1" },
            },
            readings.ToArray());
    }

    [TestMethod]
    public void AChipThatOnlySharesAName_StaysASensorOfItsOwn()
    {
        var files = new MockFileSystem();
        files.AddFile("/sys/class/thermal/thermal_zone0/type", new MockFileData("nvme\n"));
        files.AddFile("/sys/class/thermal/thermal_zone0/temp", new MockFileData("40000\n"));
        files.AddFile("/sys/class/thermal/thermal_zone1/type", new MockFileData("pch_cannonlake\n"));
        files.AddFile("/sys/class/thermal/thermal_zone1/temp", new MockFileData("45000\n"));
        // A real device's chip (it has a device link) with the zone's name, and one with two inputs.
        files.AddFile("/sys/class/hwmon/hwmon0/name", new MockFileData("nvme\n"));
        files.AddFile("/sys/class/hwmon/hwmon0/temp1_input", new MockFileData("43850\n"));
        files.AddDirectory("/sys/class/hwmon/hwmon0/device");
        files.AddFile("/sys/class/hwmon/hwmon1/name", new MockFileData("pch_cannonlake\n"));
        files.AddFile("/sys/class/hwmon/hwmon1/temp1_input", new MockFileData("45000\n"));
        files.AddFile("/sys/class/hwmon/hwmon1/temp2_input", new MockFileData("46000\n"));

        string[] names = [.. Read(files).Select(r => r.Name)];

        CollectionAssert.AreEqual(new[] { "nvme", "pch_cannonlake", "nvme temp1", "pch_cannonlake temp1", "pch_cannonlake temp2" }, names);
        Assert.IsTrue(Read(files).All(r => r.Alias is null));
    }
}

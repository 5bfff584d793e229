using System.IO.Abstractions;
using System.Reflection;
using HardwareProbes.RaspberryPi;
using HardwareProbes.Snapshots;

namespace HardwareProbes.Tests.Snapshots;

/// <summary>A record's ToString shows its values: lists and maps by their items, the throttling mask in hexadecimal.</summary>
[TestClass]
public sealed class PrintingTests
{
    [TestMethod]
    public void ThrottleState_PrintsTheMaskAsTheFirmwareDoes()
    {
        Assert.AreEqual(
            "ThrottleState { Raw = 0x50005, Conditions = UnderVoltage, Throttled, UnderVoltageOccurred, ThrottledOccurred }",
            new ThrottleState(0x50005).ToString());
    }

    [TestMethod]
    [DataRow("raspberry-pi-4")]
    [DataRow("jetson-orin-nano")]
    [DataRow("x86-server")]
    public void Snapshot_PrintsEveryReadingAndNoTypeNames(string board)
    {
        string root = Fixtures.CopyBoard(board);
        try
        {
            using var source = new LinuxSnapshotSource(new FileSystem(), Fixtures.OptionsWithCopiedToolsFor(root), TimeProvider.System);
            string text = source.Collect().ToString();

            Assert.DoesNotContain("`1[", text, "a list printed as its type name");
            Assert.DoesNotContain("System.Collections", text);
            foreach (PropertyInfo property in typeof(HardwareSnapshot).GetProperties())
            {
                Assert.Contains($"{property.Name} = ", text, $"{property.Name} is printed");
            }

            StringAssert.Contains(text, "Sources = [");
            if (board == "raspberry-pi-4")
            {
                StringAssert.Contains(text, "Throttle = ThrottleState { Raw = 0x");
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestMethod]
    public void EveryPublicRecordWithACollection_PrintsItsItems()
    {
        // The compiler's ToString prints a list as its type name; each record holding one declares its own PrintMembers.
        // (A static list, like ThrottleFlag.All, is not printed by a record at all.)
        Type[] records = [.. typeof(ProbeOptions).Assembly.GetExportedTypes().Where(t => t.GetMethod("<Clone>$") is not null || (t.IsValueType && t.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null))];
        Assert.IsGreaterThan(20, records.Length, "records found");
        foreach (Type record in records)
        {
            bool holdsCollection = record.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => p.PropertyType != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(p.PropertyType));
            if (!holdsCollection)
            {
                continue;
            }

            MethodInfo? print = record.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance, [typeof(System.Text.StringBuilder)]);
            Assert.IsNotNull(print, record.Name);
            Assert.IsFalse(print.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)), $"{record.Name} prints its lists");
        }
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace MonitorWorker.Tests.Hosting;

/// <summary>pi-stat.service: the settings SPEC §7 asks for, and systemd's own exposure score.</summary>
[TestClass]
public sealed partial class ServiceUnitTests
{
    private static readonly string Unit = Path.Combine(Paths.Root, "pi-stat.service");

    [TestMethod]
    [DataRow("Type=notify")]
    [DataRow("WatchdogSec=30")]
    [DataRow("Restart=on-failure")]
    [DataRow("DynamicUser=yes")]
    [DataRow("SupplementaryGroups=video")]
    [DataRow("ProtectSystem=strict")]
    [DataRow("NoNewPrivileges=yes")]
    [DataRow("DeviceAllow=/dev/vcio r")]
    public void Unit_HasSetting(string line)
    {
        CollectionAssert.Contains(File.ReadAllLines(Unit), line);
    }

    [TestMethod]
    public void SystemdAnalyzeSecurity_ExposureIsAtMostTwo()
    {
        (_, string output) = ExternalTool.Run("systemd-analyze", null, "security", "--offline=true", "--no-pager", Unit);

        Match score = Exposure().Match(output);
        Assert.IsTrue(score.Success, output);
        Assert.IsLessThanOrEqualTo(2.0, double.Parse(score.Groups[1].Value, CultureInfo.InvariantCulture), output);
    }

    [GeneratedRegex(@"Overall exposure level for pi-stat\.service: (\d+(?:\.\d+)?)")]
    private static partial Regex Exposure();
}

namespace HardwareProbes.Tests;

/// <summary>ProbeOptions has one check, <see cref="ProbeOptions.Validate"/>, which every source runs when it is made.</summary>
[TestClass]
public sealed class ProbeOptionsTests
{
    [TestMethod]
    public void Defaults_AreValid_AndReadTheRealRoots()
    {
        var options = new ProbeOptions();

        options.Validate();

        Assert.AreEqual("/proc", options.ProcPath);
        CollectionAssert.AreEqual(new[] { "/" }, options.DiskPaths.ToArray());
    }

    [TestMethod]
    [DataRow(nameof(ProbeOptions.ProcPath))]
    [DataRow(nameof(ProbeOptions.ReadTimeout))]
    [DataRow(nameof(ProbeOptions.MaxFileBytes))]
    [DataRow(nameof(ProbeOptions.StaticRefreshInterval))]
    [DataRow(nameof(ProbeOptions.VcgencmdTimeout))]
    [DataRow(nameof(ProbeOptions.VcgencmdRefreshInterval))]
    [DataRow(nameof(ProbeOptions.ConnectionsRefreshInterval))]
    [DataRow(nameof(ProbeOptions.Tegrastats))]
    public void AnOutOfRangeValue_IsRefusedNamingIt(string property)
    {
        var options = new ProbeOptions();
        switch (property)
        {
            case nameof(ProbeOptions.ProcPath): options.ProcPath = " "; break;
            case nameof(ProbeOptions.ReadTimeout): options.ReadTimeout = TimeSpan.FromMinutes(2); break;
            case nameof(ProbeOptions.MaxFileBytes): options.MaxFileBytes = 100; break;
            case nameof(ProbeOptions.StaticRefreshInterval): options.StaticRefreshInterval = TimeSpan.FromMilliseconds(10); break;
            case nameof(ProbeOptions.VcgencmdTimeout): options.VcgencmdTimeout = TimeSpan.Zero; break;
            case nameof(ProbeOptions.VcgencmdRefreshInterval): options.VcgencmdRefreshInterval = TimeSpan.FromSeconds(-1); break;
            case nameof(ProbeOptions.ConnectionsRefreshInterval): options.ConnectionsRefreshInterval = TimeSpan.FromSeconds(-1); break;
            case nameof(ProbeOptions.Tegrastats): options.Tegrastats.Interval = TimeSpan.Zero; break;
        }

        ArgumentException e = Assert.Throws<ArgumentException>(options.Validate);

        Assert.AreEqual(property, e.ParamName);
    }
}

using HardwareProbes.Machine;

namespace HardwareProbes.Tests.Machine;

[TestClass]
public sealed class UptimeTests
{
    [TestMethod]
    public void ParseSeconds_KernelFormat_ReadsFirstNumber()
    {
        Assert.AreEqual(351735.65, Uptime.ParseSeconds("351735.65 1378523.12\n"), 1e-9);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("up 5 days")]
    [DataRow("-3.0 1.0")]
    public void ParseSeconds_Garbage_Fails(string text)
    {
        Assert.ThrowsExactly<FormatException>(() => Uptime.ParseSeconds(text));
    }
}

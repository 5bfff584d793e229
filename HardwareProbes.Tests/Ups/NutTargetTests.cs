using HardwareProbes.Ups;

namespace HardwareProbes.Tests.Ups;

[TestClass]
public sealed class NutTargetTests
{
    [TestMethod]
    public void TryParse_FullUrl_ReadsLoginHostPortAndUps()
    {
        Assert.IsTrue(NutTarget.TryParse("nut://monitor:s%40cret@nas.local:3500/garage", out NutTarget? target, out _));

        Assert.AreEqual(new NutTarget("nas.local", 3500, "garage", "monitor", "s@cret"), target);
        Assert.AreEqual("nut://***@nas.local:3500/garage", target!.Display);
    }

    [TestMethod]
    public void TryParse_NoPort_Is3493()
    {
        Assert.IsTrue(NutTarget.TryParse("nut://127.0.0.1/ups1", out NutTarget? target, out _));

        Assert.AreEqual((3493, null as string), (target!.Port, target.User));
        Assert.AreEqual("nut://127.0.0.1/ups1", target.Display);
    }

    [TestMethod]
    [DataRow("http://host/ups", "is not a nut://")]
    [DataRow("nut://host", "does not name one UPS")]
    [DataRow("nut://host/a/b", "does not name one UPS")]
    [DataRow("nut://host/ups?x=1", "query or fragment")]
    [DataRow("nut://a%20b:pw@host/ups", "spaces or control characters")]
    [DataRow("not a url", "is not a nut://")]
    public void TryParse_NotANutUrl_SaysWhy(string text, string reason)
    {
        Assert.IsFalse(NutTarget.TryParse(text, out NutTarget? target, out string? error));

        Assert.IsNull(target);
        StringAssert.Contains(error, reason);
    }
}

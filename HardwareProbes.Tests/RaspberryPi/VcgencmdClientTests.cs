using System.IO.Abstractions;
using HardwareProbes.ChildProcesses;
using HardwareProbes.RaspberryPi;

namespace HardwareProbes.Tests.RaspberryPi;

[TestClass]
public sealed class VcgencmdClientTests
{
    private static VcgencmdClient Client(string? path, double timeoutSeconds = 5)
        => new(new FileSystem(), SystemProcessRunner.Instance, path, TimeSpan.FromSeconds(timeoutSeconds));

    private static string FakeFor(string board) => Path.Combine(Fixtures.Board(board), "vcgencmd", "vcgencmd");

    [TestMethod]
    public void TryRun_FakeFromFixture_ReturnsTheReply()
    {
        VcgencmdClient client = Client(FakeFor("raspberry-pi-4"));

        Assert.IsTrue(client.TryRun("measure_volts core", out string? reply, out string? failure), failure);
        Assert.AreEqual("volt=1.2000V", reply);
        Assert.IsNull(client.Unavailable);
    }

    [TestMethod]
    public void TryRun_ErrorReply_IsAFailureNamingTheCommand()
    {
        VcgencmdClient client = Client(FakeFor("raspberry-pi-4"));

        Assert.IsFalse(client.TryRun("measure_clock sdram", out _, out string? failure));
        Assert.AreEqual("vcgencmd measure_clock sdram: invalid arguments", failure);
        Assert.IsNull(client.Unavailable, "one bad command does not disable the client");
    }

    [TestMethod]
    public void Construct_AbsentBinary_IsUnavailableWithoutRunningAnything()
    {
        VcgencmdClient client = Client("/nonexistent/vcgencmd");

        Assert.IsNull(client.ExecutablePath);
        Assert.AreEqual("/nonexistent/vcgencmd: not found", client.Unavailable);
        Assert.IsFalse(client.TryRun("measure_temp", out _, out string? failure));
        Assert.AreEqual("/nonexistent/vcgencmd: not found", failure);
    }

    [TestMethod]
    public void TryRun_CallerOutsideVideoGroup_DisablesTheClientWithAClearReason()
    {
        VcgencmdClient client = Client(Path.Combine(Fixtures.Root, "tools", "vcgencmd-no-video-group"));

        Assert.IsFalse(client.TryRun("get_throttled", out _, out string? failure));
        StringAssert.Contains(failure, "add the service user to the 'video' group");
        StringAssert.Contains(client.Unavailable, "/dev/vcio (Permission denied)");
    }

    [TestMethod]
    public void TryRun_CommandOverItsTimeLimit_IsKilledAndReported()
    {
        VcgencmdClient client = Client(Path.Combine(Fixtures.Root, "tools", "tegrastats-hangs"), timeoutSeconds: 0.3);

        Assert.IsFalse(client.TryRun("measure_temp", out _, out string? failure));
        StringAssert.EndsWith(failure, "tegrastats-hangs measure_temp: no answer within 300 ms");
    }
}

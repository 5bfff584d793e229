using HardwareProbes.Network;

namespace HardwareProbes.Tests.Network;

[TestClass]
public sealed class TcpSocketsTests
{
    [TestMethod]
    [DataRow("procfs__proc_net_tcp.txt", 0)]
    [DataRow("procfs__proc_net_tcp6.txt", 2)]
    public void CountNotListening_RealCapture(string capture, int expected)
    {
        Assert.AreEqual(expected, TcpSockets.CountNotListening(Fixtures.Capture(capture)));
    }

    [TestMethod]
    public void CountNotListening_EstablishedAndTimeWait_AreCounted()
    {
        const string text = "  sl  local_address rem_address   st\n   0: 0100007F:1F90 0100007F:C350 01 x\n   1: 0100007F:1F90 0100007F:C351 06 x\n   2: 00000000:0016 00000000:0000 0A x\n";

        Assert.AreEqual(2, TcpSockets.CountNotListening(text));
    }

    [TestMethod]
    public void CountNotListening_GarbageState_NamesTheLine()
    {
        var error = Assert.ThrowsExactly<FormatException>(() => TcpSockets.CountNotListening("header\n   0: 0500000A:0016 00000000:0000 ZZ 0\n"));

        StringAssert.Contains(error.Message, "'ZZ' is not a hexadecimal socket state");
    }
}

using System.Text;
using System.Text.Json;
using HardwareProbes;
using HardwareProbes.Snapshots;
using MonitorWorker.Demo;
using MonitorWorker.Json;
using MonitorWorker.Push;
using MonitorWorker.TegrastatsApi;

namespace MonitorWorker.Tests.SocketIo;

/// <summary>The <c>tegrastats_update</c> packet of every fixture board: its frame, and its size against the ESP32 example's 8 KB buffer.</summary>
[TestClass]
public sealed class SocketIoPacketTests
{
    [TestMethod]
    [DynamicData(nameof(FixtureBoards.All), typeof(FixtureBoards))]
    public void EveryBoardsPacket_IsTheApiStatusBodyAsATegrastatsUpdateEvent_UnderEightKilobytes(string board)
    {
        var probes = new ProbeOptions { DiskPaths = [] };
        using DemoBoard demo = DemoBoard.Prepare(Paths.Board(board), probes);
        using var source = new LinuxSnapshotSource(probes);
        source.Collect();
        demo.Advance(1);
        HardwareSnapshot snapshot = source.Collect();
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(TegrastatsApiMapper.Map(snapshot), TegrastatsApiJsonContext.Relaxed.ApiStatusResponse);

        string packet = Encoding.UTF8.GetString(new PushMessage(body).SocketIoPacket.Span);

        Assert.StartsWith("42[\"tegrastats_update\",{", packet);
        Assert.EndsWith("}]", packet);
        JsonElement evt = Json.Parse(packet[2..]);
        Assert.AreEqual(2, evt.GetArrayLength());
        Assert.AreEqual(Encoding.UTF8.GetString(body), evt[1].GetRawText());
        Assert.IsLessThan(8192, Encoding.UTF8.GetByteCount(packet), $"{board}: {packet.Length} bytes");
    }
}

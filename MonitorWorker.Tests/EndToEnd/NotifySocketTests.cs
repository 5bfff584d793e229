using System.Net.Sockets;
using System.Text;

namespace MonitorWorker.Tests.EndToEnd;

/// <summary>The real process tells a NOTIFY_SOCKET (a unix datagram socket owned by the test) that it is ready, then pings the watchdog once per sample.</summary>
[TestClass]
public sealed class NotifySocketTests
{
    [TestMethod]
    public async Task Worker_SendsReadyThenWatchdogPings()
    {
        string socketPath = Path.Combine(Path.GetTempPath(), $"pistat-notify-{Guid.NewGuid():N}.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        try
        {
            Dictionary<string, string> environment = WorkerProcess.BoardEnvironment("x86-server");
            environment["NOTIFY_SOCKET"] = socketPath;
            environment["WATCHDOG_USEC"] = "3000000";
            environment["PISTAT_SAMPLE_SECONDS"] = "0.2";
            await using WorkerProcess worker = WorkerProcess.Start(environment);

            var messages = new List<string>();
            var buffer = new byte[4096];
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (messages.Count(m => m == "WATCHDOG=1") < 3)
            {
                int received = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
                messages.Add(Encoding.UTF8.GetString(buffer, 0, received).Trim());
            }

            Assert.Contains("READY=1", messages, string.Join(" | ", messages));
            Assert.IsTrue(messages.IndexOf("READY=1") >= 0, worker.Output);
        }
        finally
        {
            File.Delete(socketPath);
        }
    }
}

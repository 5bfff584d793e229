using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MonitorWorker.Tests.EndToEnd;

/// <summary>PISTAT_MAX_HTTP_CONNECTIONS: connections beyond the limit are closed at once, the process lives on, and a freed place is taken again.</summary>
[TestClass]
public sealed class ConnectionLimitTests
{
    private static readonly byte[] Request = Encoding.ASCII.GetBytes("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");

    /// <summary>Sends one keep-alive request and reads until the status line and headers are in; the connection stays open.</summary>
    private static async Task<string> AskAsync(NetworkStream stream)
    {
        await stream.WriteAsync(Request);
        var answer = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (!answer.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            int read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            if (read == 0)
            {
                break;
            }

            answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return answer.ToString();
    }

    [TestMethod]
    public async Task ConnectionsBeyondTheLimit_AreClosedWithoutAnswer_AndServedAgainOnceOneCloses()
    {
        var environment = WorkerProcess.BoardEnvironment("x86-server");
        environment["PISTAT_MAX_HTTP_CONNECTIONS"] = "4";
        await using WorkerProcess worker = WorkerProcess.Start(environment);
        (await worker.WaitUntilServingAsync("health")).Dispose();

        // Wait until the probe's connection is gone from the count: four fresh connections must all be answered.
        var held = new List<TcpClient>();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (held.Count < 4)
            {
                var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, worker.Port);
                string answer = await AskAsync(client.GetStream());
                if (answer.StartsWith("HTTP/1.1 200", StringComparison.Ordinal))
                {
                    held.Add(client);
                }
                else
                {
                    client.Dispose();
                    Assert.IsLessThan(deadline, DateTime.UtcNow, "four connections were never served together");
                    await Task.Delay(50);
                }
            }

            using (var fifth = new TcpClient())
            {
                await fifth.ConnectAsync(IPAddress.Loopback, worker.Port);
                string refused;
                try
                {
                    refused = await AskAsync(fifth.GetStream());
                }
                catch (IOException)
                {
                    refused = string.Empty; // reset by the server
                }

                Assert.AreEqual(string.Empty, refused, "the fifth connection is closed without an answer");
            }

            held[0].Dispose();
            held.RemoveAt(0);
            using HttpClient http = await worker.WaitUntilServingAsync("health");
            Assert.IsFalse(worker.HasExited, worker.Output);
        }
        finally
        {
            held.ForEach(c => c.Dispose());
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MonitorWorker.Tests;

/// <summary>
/// Debian's mosquitto on a free loopback port, with a password file (one user) and, when asked, TLS with a certificate
/// for <c>localhost</c> from a throwaway CA made here; <see cref="Subscribe"/> runs mosquitto_sub against it.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class Mosquitto : IAsyncDisposable
{
    public const string User = "agent";
    public const string Password = "mqtt-s3cret";

    private readonly string _folder;
    private readonly bool _tls;
    private Process? _broker;
    private readonly List<Subscriber> _subscribers = [];

    private Mosquitto(string folder, int port, bool tls)
    {
        _folder = folder;
        Port = port;
        _tls = tls;
    }

    public int Port { get; }

    /// <summary>Gets the CA's certificate (PEM) when the broker speaks TLS.</summary>
    public string CaPath => Path.Combine(_folder, "ca.pem");

    /// <summary>Gets the URL the agent is given.</summary>
    public string Url => $"{(_tls ? "mqtts" : "mqtt")}://{User}:{Password}@{(_tls ? "localhost" : "127.0.0.1")}:{Port}";

    public static bool Installed => !OperatingSystem.IsWindows() && File.Exists("/usr/sbin/mosquitto") && File.Exists("/usr/bin/mosquitto_sub") && File.Exists("/usr/bin/mosquitto_passwd");

    public static async Task<Mosquitto> StartAsync(bool tls = false)
    {
        string folder = Directory.CreateTempSubdirectory("pistat-mosquitto-").FullName;
        File.SetUnixFileMode(folder, (UnixFileMode)Convert.ToInt32("755", 8));
        var broker = new Mosquitto(folder, WorkerProcess.FreePort(), tls);
        string passwords = Path.Combine(folder, "passwords");
        using (Process passwd = Process.Start("mosquitto_passwd", ["-c", "-b", passwords, User, Password])!)
        {
            await passwd.WaitForExitAsync();
            Assert.AreEqual(0, passwd.ExitCode, "mosquitto_passwd");
        }

        string config = $"listener {broker.Port} 127.0.0.1\nallow_anonymous false\npassword_file {passwords}\nuser root\npersistence false\n";
        if (tls)
        {
            broker.MakeCertificates();
            config += $"cafile {broker.CaPath}\ncertfile {Path.Combine(folder, "server.pem")}\nkeyfile {Path.Combine(folder, "server.key")}\n";
        }

        foreach (string file in Directory.GetFiles(folder))
        {
            File.SetUnixFileMode(file, (UnixFileMode)Convert.ToInt32("644", 8));
        }

        await File.WriteAllTextAsync(Path.Combine(folder, "mosquitto.conf"), config);
        await broker.StartBrokerAsync();
        return broker;
    }

    /// <summary>Kills the broker (nothing retained survives: persistence is off) and starts it again on the same port.</summary>
    public async Task RestartAsync()
    {
        _broker!.Kill();
        await _broker.WaitForExitAsync();
        _broker.Dispose();
        await StartBrokerAsync();
    }

    /// <summary>Runs mosquitto_sub on <paramref name="topics"/>, keeping each "topic payload" line it prints.</summary>
    public Subscriber Subscribe(params string[] topics)
    {
        var arguments = new List<string> { "-h", _tls ? "localhost" : "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-u", User, "-P", Password, "-v" };
        if (_tls)
        {
            arguments.AddRange(["--cafile", CaPath]);
        }

        foreach (string topic in topics)
        {
            arguments.AddRange(["-t", topic]);
        }

        var start = new ProcessStartInfo("mosquitto_sub", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var subscriber = new Subscriber(Process.Start(start)!);
        _subscribers.Add(subscriber);
        return subscriber;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (Subscriber subscriber in _subscribers)
        {
            subscriber.Dispose();
        }

        if (_broker is { HasExited: false })
        {
            _broker.Kill();
            await _broker.WaitForExitAsync();
        }

        _broker?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task StartBrokerAsync()
    {
        var start = new ProcessStartInfo("/usr/sbin/mosquitto", ["-c", Path.Combine(_folder, "mosquitto.conf")]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        _broker = Process.Start(start)!;
        _broker.BeginOutputReadLine();
        _broker.BeginErrorReadLine();
        await Eventually.UntilAsync(
            () =>
            {
                using var client = new System.Net.Sockets.TcpClient();
                try
                {
                    client.Connect("127.0.0.1", Port);
                    return true;
                }
                catch (System.Net.Sockets.SocketException)
                {
                    return _broker.HasExited ? throw new InvalidOperationException($"mosquitto exited with {_broker.ExitCode}") : false;
                }
            },
            "mosquitto listening");
    }

    /// <summary>A CA, and a certificate for localhost (and 127.0.0.1) it signed, as PEM files.</summary>
    private void MakeCertificates()
    {
        using RSA caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=pi-stat test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using X509Certificate2 ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        using RSA serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using X509Certificate2 server = serverRequest.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), [1, 2, 3, 4]);
        File.WriteAllText(CaPath, ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_folder, "server.pem"), server.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_folder, "server.key"), serverKey.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>A mosquitto_sub process and the lines it printed.</summary>
    internal sealed class Subscriber : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _lines = new();

        public Subscriber(Process process)
        {
            _process = process;
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    _lines.Enqueue(e.Data);
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public IReadOnlyList<string> Lines => [.. _lines];

        /// <summary>The messages on <paramref name="topic"/>, oldest first.</summary>
        public string[] On(string topic) => [.. Lines.Where(l => l.StartsWith(topic + " ", StringComparison.Ordinal)).Select(l => l[(topic.Length + 1)..])];

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }

            _process.Dispose();
        }
    }
}

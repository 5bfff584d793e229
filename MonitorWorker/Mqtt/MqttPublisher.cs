using System.IO.Hashing;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using HardwareProbes.Snapshots;
using Microsoft.Extensions.Options;
using MonitorWorker.Events;
using MonitorWorker.Hosting;
using MonitorWorker.Sampling;
using MonitorWorker.Service;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using Polly;

namespace MonitorWorker.Mqtt;

/// <summary>
/// Publishes to the broker of PISTAT_MQTT_URL: <c>online</c> on the availability topic (retained; the last will says
/// <c>offline</c>), Home Assistant's discovery configs (retained) for every reading the board has, the state every
/// PISTAT_MQTT_INTERVAL_SECONDS and each event as it happens. It connects, and after a broker restart reconnects, with
/// exponential backoff (1 s to 1 min, Polly), then publishes availability and discovery again. It only publishes:
/// it subscribes to nothing, so no message from a broker can change the agent. It works on its own task: a broker
/// that is down or slow never delays sampling or HTTP (an event is a channel write; at most 1,000 wait, the oldest
/// dropped first).
/// </summary>
public sealed partial class MqttPublisher : BackgroundService
{
    /// <summary>How long a connect or a publish may take.</summary>
    public static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(10);

    private readonly MqttOptions _options;
    private readonly SnapshotStore _store;
    private readonly EventLog _log;
    private readonly TimeProvider _time;
    private readonly ILogger<MqttPublisher> _logger;
    private readonly string? _demo;
    private readonly string _etc;
    private readonly string? _configurationUrl;
    private readonly Channel<AgentEvent> _events = Channel.CreateBounded<AgentEvent>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly SemaphoreSlim _disconnected = new(0);
    private MqttClient? _client;
    private MqttDiscovery? _discovery;
    private HashSet<string> _announced = new(StringComparer.Ordinal);

    public MqttPublisher(
        IOptions<MqttOptions> options, SnapshotStore store, EventLog log, SnapshotViews views, IOptions<SamplingOptions> sampling, IOptions<ServerOptions> server,
        TimeProvider time, ILogger<MqttPublisher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(views);
        ArgumentNullException.ThrowIfNull(sampling);
        ArgumentNullException.ThrowIfNull(server);
        _options = options.Value;
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _demo = views.Demo;
        _etc = sampling.Value.Probes.EtcPath;
        string host = server.Value.Host is "0.0.0.0" or "::" or "*" or "+" or "" ? ServiceIdentity.Hostname : server.Value.Host;
        _configurationUrl = Uri.TryCreate($"http://{host}:{server.Value.Port}/", UriKind.Absolute, out Uri? url) && server.Value.Port > 0 ? url.ToString() : null;
        _log.Added += OnEvent;
    }

    /// <summary>Gets a value indicating whether the agent is connected to the broker now.</summary>
    public bool Connected => _client?.IsConnected == true;

    /// <summary>Gets how many times the agent connected (the first time, then after each loss of the broker).</summary>
    public int Connections { get; private set; }

    /// <summary>
    /// The node's id: <c>pistat_</c> and 12 hex digits of the XxHash3 of the board's serial, else /etc/machine-id, else the
    /// hostname (and a demo's board), so it stays when the hostname changes and across restarts.
    /// </summary>
    public static string NodeId(HardwareSnapshot snapshot, string etcPath, string? demo)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        string? machineId = null;
        try
        {
            string path = Path.Combine(etcPath, "machine-id");
            machineId = File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The hostname serves.
        }

        string basis = (snapshot.Identity.Serial is { Length: > 0 } serial ? "serial:" + serial
            : machineId is { Length: > 0 } ? "machine-id:" + machineId
            : "host:" + ServiceIdentity.Hostname) + (demo is null ? string.Empty : "|demo:" + demo);
        // XxHash3 rather than SHA-256: a stable name, not a secret, and SHA-256 would load OpenSSL (about 4 MB of RSS).
        return "pistat_" + Convert.ToHexString(XxHash3.Hash(Encoding.UTF8.GetBytes(basis)))[..12].ToLowerInvariant();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_client is { IsConnected: true } client && _discovery is not null)
        {
            // A clean stop says offline itself (the last will is for the unclean ones) and leaves.
            using var timeout = new CancellationTokenSource(OperationTimeout);
            try
            {
                await client.PublishAsync(Message(_discovery.AvailabilityTopic, "offline"u8.ToArray(), retain: true), timeout.Token).ConfigureAwait(false);
                await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                // The broker's last will says offline instead.
            }
        }
    }

    public override void Dispose()
    {
        _log.Added -= OnEvent;
        _client?.Dispose();
        _disconnected.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        HardwareSnapshot? first;
        while ((first = _store.Latest) is null)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), _time, stoppingToken).ConfigureAwait(false);
        }

        string node = NodeId(first, _etc, _demo);
        _discovery = new MqttDiscovery(_options, node, ServiceIdentity.NodeName(_demo), _configurationUrl);
        _client = new MqttClient(new TcpOnlyAdapterFactory(), MQTTnet.Diagnostics.Logger.MqttNetNullLogger.Instance);
        _client.DisconnectedAsync += _ =>
        {
            _disconnected.Release();
            return Task.CompletedTask;
        };
        MqttClientOptions connect = ConnectOptions(node);
        ResiliencePipeline reconnect = Backoff.Forever(
            _time,
            TimeSpan.FromSeconds(1),
            TimeSpan.FromMinutes(1),
            e => e is not OperationCanceledException || !stoppingToken.IsCancellationRequested,
            reason => LogUnreachable(_logger, _options.Broker!.Display, reason));

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await reconnect.ExecuteAsync(async token => await ConnectAsync(connect, token).ConfigureAwait(false), stoppingToken).ConfigureAwait(false);
                await PublishWhileConnectedAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void OnEvent(AgentEvent e) => _events.Writer.TryWrite(e);

    private async Task ConnectAsync(MqttClientOptions connect, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(OperationTimeout);
        while (_disconnected.CurrentCount > 0)
        {
            await _disconnected.WaitAsync(cancellationToken).ConfigureAwait(false); // losses before this connection
        }

        await _client!.ConnectAsync(connect, timeout.Token).ConfigureAwait(false);
        Connections++;
        LogConnected(_logger, _options.Broker!.Display, _discovery!.NodeId);
        await PublishAsync(_discovery.AvailabilityTopic, "online"u8.ToArray(), retain: true, timeout.Token).ConfigureAwait(false);
        _announced = new HashSet<string>(StringComparer.Ordinal); // a restarted broker may have lost its retained configs
    }

    /// <summary>State on every interval, events as they come, discovery for each entity not yet announced on this connection; returns when the connection is lost.</summary>
    private async Task PublishWhileConnectedAsync(CancellationToken stoppingToken)
    {
        TimeSpan interval = TimeSpan.FromSeconds(_options.IntervalSeconds);
        long next = 0;
        Task lost = _disconnected.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested && !lost.IsCompleted)
        {
            try
            {
                if (_time.GetTimestamp() >= next && _store.Latest is HardwareSnapshot snapshot)
                {
                    next = _time.GetTimestamp() + (long)(interval.TotalSeconds * _time.TimestampFrequency);
                    IReadOnlyList<MqttEntity> entities = MqttEntities.Of(snapshot);
                    await AnnounceAsync(entities, snapshot, stoppingToken).ConfigureAwait(false);
                    await PublishAsync(_discovery!.StateTopic, MqttEntities.State(entities, snapshot), retain: false, stoppingToken).ConfigureAwait(false);
                }

                while (_events.Reader.TryRead(out AgentEvent? e))
                {
                    await PublishAsync(_discovery!.EventTopic, JsonSerializer.SerializeToUtf8Bytes(e, EventsJsonContext.Relaxed.AgentEvent), retain: false, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is MqttCommunicationException or InvalidOperationException or TimeoutException
                                      || (e is OperationCanceledException && !stoppingToken.IsCancellationRequested))
            {
                LogLost(_logger, _options.Broker!.Display, e.Message);
                return;
            }

            TimeSpan wait = TimeSpan.FromSeconds((next - _time.GetTimestamp()) / (double)_time.TimestampFrequency);
            await Waits.ForItemOrDelayAsync(_events.Reader, wait, _time, stoppingToken, lost).ConfigureAwait(false);
        }

        if (lost.IsCompleted && !stoppingToken.IsCancellationRequested)
        {
            LogLost(_logger, _options.Broker!.Display, "the connection closed");
        }
    }

    private async Task AnnounceAsync(IReadOnlyList<MqttEntity> entities, HardwareSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (!_discovery!.Enabled)
        {
            return;
        }

        foreach (MqttEntity entity in entities.Where(e => !_announced.Contains(e.Key)))
        {
            await PublishAsync(_discovery.ConfigTopic(entity), _discovery.Config(entity, snapshot), retain: true, cancellationToken).ConfigureAwait(false);
            _announced.Add(entity.Key);
        }
    }

    private async Task PublishAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(OperationTimeout);
        MqttClientPublishResult result = await _client!.PublishAsync(Message(topic, payload, retain), timeout.Token).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            throw new MqttCommunicationException($"the broker refused {topic}: {result.ReasonCode}");
        }
    }

    private static MqttApplicationMessage Message(string topic, byte[] payload, bool retain) => new MqttApplicationMessageBuilder()
        .WithTopic(topic)
        .WithPayload(payload)
        .WithRetainFlag(retain)
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .Build();

    private MqttClientOptions ConnectOptions(string node)
    {
        MqttBroker broker = _options.Broker!;
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithClientId(node)
            .WithCleanSession()
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithTimeout(OperationTimeout)
            .WithWillTopic($"{_options.Prefix}/{node}/availability")
            .WithWillPayload("offline"u8.ToArray())
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (broker.User is not null)
        {
            builder.WithCredentials(broker.User, broker.Password ?? string.Empty);
        }

        if (broker.Tls)
        {
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls();
                if (_options.CaPath is string caPath)
                {
                    X509Certificate2Collection authority = [];
                    authority.ImportFromPemFile(caPath);
                    tls.WithCertificateValidationHandler(args => PrivateCaTrusts(authority, args.Certificate, args.SslPolicyErrors));
                }
            });
        }

        return builder.Build();
    }

    /// <summary>
    /// The broker's certificate against the private CA of PISTAT_MQTT_CA_PATH: a chain to that CA only, and a name that
    /// matches the host (the TLS stack's own name check), never "any certificate".
    /// </summary>
    private static bool PrivateCaTrusts(X509Certificate2Collection authority, X509Certificate? certificate, System.Net.Security.SslPolicyErrors errors)
    {
        if (certificate is null || (errors & (System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch | System.Net.Security.SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT: connected to {Broker} as {Node}")]
    private static partial void LogConnected(ILogger logger, string broker, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT: {Broker} cannot be reached ({Reason}); trying again with backoff")]
    private static partial void LogUnreachable(ILogger logger, string broker, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT: the connection to {Broker} was lost ({Reason}); reconnecting")]
    private static partial void LogLost(ILogger logger, string broker, string reason);
}

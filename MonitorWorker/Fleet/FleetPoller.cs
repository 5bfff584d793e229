using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MonitorWorker.History;
using MonitorWorker.Http;

namespace MonitorWorker.Fleet;

/// <summary>
/// Polls every PISTAT_PEERS agent in the background, every PISTAT_PEER_INTERVAL_SECONDS, each with
/// PISTAT_PEER_TIMEOUT_SECONDS to answer and at most <see cref="MaxInFlight"/> at once, and keeps each one's newest
/// node. <c>/api/monitoring/resources</c> reads what this holds and never waits for a peer. A peer is recognised by what
/// it answers: <c>/stats</c> like pi-stat or the original piStat; a peer without <c>/stats</c> (404) by <c>/api/status</c>
/// like the Tegrastats API. What it was is remembered. A URL ending in <c>/metrics</c> (<c>http://board:8080/metrics</c>) is a board or
/// exporter answering Prometheus text there: one GET with <c>Connection: close</c> per round, and after a failure a rest
/// that doubles with each failure in a row (up to <see cref="MaxBackoff"/>), so a fragile microcontroller is never
/// polled in a burst.
/// Cost: one small HTTP exchange per peer per round, and one node (about 1 KB) kept per peer; a Prometheus board's
/// parsed answer is kept too (about 200 bytes a sample, at most <see cref="ExpositionParser.MaxSamples"/> samples).
/// </summary>
public sealed class FleetPoller(IOptions<FleetOptions> options, TimeProvider time) : BackgroundService
{
    /// <summary>The most peers polled at once.</summary>
    public const int MaxInFlight = 16;

    /// <summary>The largest answer read from a peer.</summary>
    public const int MaxAnswerBytes = 1024 * 1024;

    private readonly FleetOptions _options = options.Value;
    /// <summary>The longest rest a failing Prometheus board gets between two polls.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    private readonly Dictionary<Uri, string> _kinds = [];
    private readonly Dictionary<Uri, (int Failures, DateTimeOffset RetryAt)> _backoff = [];
    private readonly Dictionary<Uri, PeerExposition> _expositions = [];
    private readonly Dictionary<Uri, TrendRing> _trends = options.Value.Peers.Distinct().ToDictionary(p => p, _ => new TrendRing());
    private volatile IReadOnlyList<FleetNode> _nodes = [.. options.Value.Peers.Select(p => Unreachable(p, null, null, "not polled yet"))];
    private int _rounds;

    /// <summary>Gets each peer's newest node, in PISTAT_PEERS order.</summary>
    public IReadOnlyList<FleetNode> Nodes => _nodes;

    /// <summary>Gets each peer's recent CPU usage and temperature, in PISTAT_PEERS order.</summary>
    public IReadOnlyList<FleetTrend> Trends => [.. _options.Peers.Select(p => _trends[p].ToTrend(p.ToString()))];

    /// <summary>Gets each Prometheus board's newest answer, in PISTAT_PEERS order, for <c>/metrics</c>.</summary>
    internal IReadOnlyList<PeerExposition> Expositions
    {
        get
        {
            lock (_expositions)
            {
                return [.. _options.Peers.Distinct().Where(_expositions.ContainsKey).Select(p => _expositions[p])];
            }
        }
    }

    /// <summary>Gets how many polling rounds have finished.</summary>
    public int Rounds => Volatile.Read(ref _rounds);

    /// <summary>Polls every peer once and publishes the result.</summary>
    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<FleetNode> before = _nodes;
        using var gate = new SemaphoreSlim(MaxInFlight);
        Task<FleetNode>[] polls = [.. _options.Peers.Select((peer, i) => PollAsync(peer, before.Count > i ? before[i] : null, gate, cancellationToken))];
        _nodes = await Task.WhenAll(polls).ConfigureAwait(false);
        Interlocked.Increment(ref _rounds);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Peers.Count == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.PeerIntervalSeconds), time);
        try
        {
            do
            {
                await PollOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<FleetNode> PollAsync(Uri peer, FleetNode? previous, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        if (!PeerParser.IsExposition(peer))
        {
            return await PollAgentAsync(peer, previous, gate, cancellationToken).ConfigureAwait(false);
        }

        // A small board that failed rests before its next poll, longer after each failure in a row: a board that resets
        // connections under load gets room to recover, never a burst.
        DateTimeOffset now = time.GetUtcNow();
        (int failures, DateTimeOffset retryAt) = _backoff.GetValueOrDefault(peer);
        if (failures > 0 && now < retryAt)
        {
            return previous ?? Unreachable(peer, null, null, "not polled yet");
        }

        FleetNode node = await PollAgentAsync(peer, previous, gate, cancellationToken).ConfigureAwait(false);
        if (node.Status == "ok")
        {
            _backoff.Remove(peer); // its answer is in _expositions (ReadExpositionAsync)
            return node;
        }

        lock (_expositions)
        {
            _expositions[peer] = new PeerExposition(peer.Authority, Up: false, Document: null);
        }

        TimeSpan rest = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, _options.PeerIntervalSeconds * Math.Pow(2, Math.Min(failures, 16))));
        _backoff[peer] = (failures + 1, time.GetUtcNow() + rest);
        return node with { Error = $"{node.Error}; next poll in {rest.TotalSeconds:0} s" };
    }

    private async Task<FleetNode> PollAgentAsync(Uri peer, FleetNode? previous, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(_options.PeerTimeoutSeconds));
            try
            {
                FleetNode node = await ReadAsync(peer, timeout.Token).ConfigureAwait(false);
                TrendRing trend = _trends[peer];
                if (!trend.Backfilled && node.Source == PeerParser.PiStat)
                {
                    await BackfillAsync(peer, node, trend, timeout.Token).ConfigureAwait(false);
                }

                trend.Backfilled = true;
                trend.Add(node.Timestamp ?? time.GetUtcNow().ToUnixTimeSeconds(), node.Cpu.UsagePercent, node.Cpu.TemperatureC, node.Gauges);
                return node;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Unreachable(peer, previous, previous?.LastSeen, $"no answer within {_options.PeerTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s (PISTAT_PEER_TIMEOUT_SECONDS)");
            }
            catch (Exception e) when (e is SocketException or IOException or InvalidDataException or JsonException or PeerException)
            {
                return Unreachable(peer, previous, previous?.LastSeen, e is SocketException s ? $"{s.SocketErrorCode}: {s.Message}" : e.Message);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<FleetNode> ReadAsync(Uri peer, CancellationToken cancellationToken)
    {
        string? kind;
        lock (_kinds)
        {
            kind = _kinds.GetValueOrDefault(peer);
        }

        if (PeerParser.IsExposition(peer))
        {
            return await ReadExpositionAsync(peer, cancellationToken).ConfigureAwait(false);
        }

        if (kind is null or PeerParser.PiStat or PeerParser.OriginalPiStat)
        {
            PlainHttpResponse stats = await GetAsync(peer, "stats", cancellationToken).ConfigureAwait(false);
            if (stats.IsSuccess && Parse(stats.Body) is { } body && PeerParser.StatsKind(body) is string found)
            {
                Remember(peer, found);
                return PeerParser.FromStats(body, found, peer, time.GetUtcNow());
            }

            // Only a peer without /stats (404) may be a Tegrastats API server: a pi-stat agent that is busy or starting
            // (503) also serves /api/status, and must not be taken for one.
            if (kind is not null || stats.Status != 404)
            {
                throw new PeerException(stats.IsSuccess ? "/stats answered, but not like pi-stat or piStat" : $"/stats answered {stats.Status} {stats.Reason}");
            }
        }

        PlainHttpResponse status = await GetAsync(peer, "api/status", cancellationToken).ConfigureAwait(false);
        if (status.IsSuccess && Parse(status.Body) is { } tegrastats && PeerParser.IsTegrastatsStatus(tegrastats))
        {
            Remember(peer, PeerParser.TegrastatsApi);
            return PeerParser.FromTegrastatsStatus(tegrastats, peer, time.GetUtcNow());
        }

        throw new PeerException(status.Status == 401
            ? "the peer asks for an API key: set PISTAT_PEER_API_KEY (or it refused the one sent)"
            : $"neither /stats nor /api/status answered like an agent (/api/status: {status.Status} {status.Reason})");
    }

    /// <summary>One GET of the board's path, with <c>Connection: close</c>; an answer that holds no sample at all is not Prometheus text.</summary>
    private async Task<FleetNode> ReadExpositionAsync(Uri peer, CancellationToken cancellationToken)
    {
        PlainHttpResponse answer = await GetAsync(peer, string.Empty, cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess)
        {
            throw new PeerException($"{peer.AbsolutePath} answered {answer.Status} {answer.Reason}");
        }

        ExpositionDocument document = ExpositionParser.Parse(answer.Body);
        if (document.Families.Count == 0)
        {
            throw new PeerException(document.Problems.Count > 0
                ? $"{peer.AbsolutePath} answered, but not in Prometheus text ({document.Problems[0]})"
                : $"{peer.AbsolutePath} answered without a sample");
        }

        lock (_expositions)
        {
            _expositions[peer] = new PeerExposition(peer.Authority, Up: true, document);
        }

        return PeerParser.FromExposition(document, peer, time.GetUtcNow());
    }

    /// <summary>
    /// Fills a pi-stat peer's trend from its own <c>/api/history</c> once, at its first answer, so its sparkline starts
    /// full. A peer that cannot say (an older pi-stat, a refusal, a garbled answer) starts empty and fills as it is polled.
    /// </summary>
    private async Task BackfillAsync(Uri peer, FleetNode node, TrendRing trend, CancellationToken cancellationToken)
    {
        long end = node.Timestamp ?? time.GetUtcNow().ToUnixTimeSeconds();
        long step = TrendRing.StepSeconds(_options.PeerIntervalSeconds);
        string path = FormattableString.Invariant($"api/history?series={HistorySeriesNames.CpuUsage},{HistorySeriesNames.CpuTemperature}&start={end - (step * TrendRing.Capacity)}&end={end}&step={step}");
        try
        {
            PlainHttpResponse answer = await GetAsync(peer, path, cancellationToken).ConfigureAwait(false);
            if (answer.IsSuccess && Parse(answer.Body) is { } history)
            {
                foreach ((long t, double? cpu, double? temperature) in PeerParser.HistoryPoints(history, HistorySeriesNames.CpuUsage, HistorySeriesNames.CpuTemperature))
                {
                    trend.Add(t, cpu, temperature);
                }
            }
        }
        catch (Exception e) when (e is SocketException or IOException or InvalidDataException or PeerException)
        {
            // The poll itself answered: the node is shown, its sparkline fills from the next polls.
        }
    }

    private async Task<PlainHttpResponse> GetAsync(Uri peer, string path, CancellationToken cancellationToken)
    {
        PlainHttpResponse response = await PlainHttp.GetAsync(new Uri(peer, path), _options.PeerApiKey, cancellationToken, MaxAnswerBytes).ConfigureAwait(false);
        return response.Status == 401
            ? throw new PeerException("the peer asks for an API key: set PISTAT_PEER_API_KEY (or it refused the one sent)")
            : response;
    }

    private void Remember(Uri peer, string kind)
    {
        lock (_kinds)
        {
            _kinds[peer] = kind;
        }
    }

    private static JsonElement? Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A peer that did not answer: its last readings (or none), marked unreachable, with why.</summary>
    private static FleetNode Unreachable(Uri peer, FleetNode? previous, string? lastSeen, string error)
        => previous is { Source: not null } // it answered once: every answered node names its source
            ? previous with { Status = "unreachable", LastSeen = lastSeen, Error = error }
            : new FleetNode(
                null,
                peer.Host,
                peer.Host,
                new FleetCpu(null, null, null),
                new FleetStorage(null, null, null, null),
                new FleetNetwork(null, null, null, null, null, null),
                new FleetStorage(null, null, null, null),
                new Dictionary<string, string>(),
                new FleetThrottling(null, null),
                "unreachable",
                null,
                peer.ToString(),
                lastSeen,
                error);

    private sealed class PeerException(string message) : Exception(message);
}

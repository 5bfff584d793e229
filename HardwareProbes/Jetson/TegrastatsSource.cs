using System.Globalization;
using System.IO.Abstractions;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using HardwareProbes.ChildProcesses;
using Polly;
using Polly.Retry;

namespace HardwareProbes.Jetson;

/// <summary>
/// Runs one long-lived <c>tegrastats --interval N</c> child and turns its lines into samples. When the child exits
/// or stalls (no line for <see cref="TegrastatsOptions.StallIntervals"/> intervals) it is replaced through a Polly
/// retry pipeline: exponential backoff with jitter, capped at <see cref="TegrastatsOptions.MaxRestartDelay"/>, forever.
/// A missing executable is reported as <see cref="TegrastatsStatus.Absent"/> and looked for again rarely. Disposing
/// kills and reaps the child.
/// </summary>
public sealed class TegrastatsSource : IAsyncDisposable, IDisposable
{
    private static readonly string[] WellKnownDirectories = ["/usr/bin"];

    private readonly TegrastatsOptions _options;
    private readonly IFileSystem _fileSystem;
    private readonly IProcessRunner _runner;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _restarts;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly List<Channel<TegrastatsSample>> _subscribers = [];
    private Task _loop = Task.CompletedTask;
    private IChildProcess? _child;
    private volatile Reading? _latest;
    private int _restartCount;
    private int _lookups;
    private volatile string? _lastError;
    private volatile TegrastatsStatus _status = TegrastatsStatus.NotStarted;

    /// <summary>Creates a stream that runs the real tegrastats.</summary>
    /// <param name="options">Where tegrastats is and how it is restarted.</param>
    public TegrastatsSource(TegrastatsOptions options)
        : this(options, new FileSystem(), SystemProcessRunner.Instance, TimeProvider.System)
    {
    }

    internal TegrastatsSource(TegrastatsOptions options, IFileSystem fileSystem, IProcessRunner runner, TimeProvider timeProvider, Func<double>? jitterRandomizer = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _fileSystem = fileSystem;
        _runner = runner;
        _time = timeProvider;
        var retry = new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<TegrastatsException>(),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.FirstRestartDelay,
            MaxDelay = options.MaxRestartDelay,
            OnRetry = args =>
            {
                Interlocked.Increment(ref _restartCount);
                _lastError = args.Outcome.Exception?.Message;
                _status = TegrastatsStatus.Restarting;
                RestartScheduled?.Invoke(args.RetryDelay);
                return default;
            },
        };
        if (jitterRandomizer is not null)
        {
            retry.Randomizer = jitterRandomizer;
        }

        _restarts = new ResiliencePipelineBuilder { TimeProvider = timeProvider }.AddRetry(retry).Build();
    }

    /// <summary>Gets where the stream stands.</summary>
    public TegrastatsStatus Status => _status;

    /// <summary>Gets how many times the child has been restarted after exiting or stalling.</summary>
    public int RestartCount => Volatile.Read(ref _restartCount);

    /// <summary>Gets why the last child ended or why none runs (absent executable), or null.</summary>
    public string? LastError => _lastError;

    /// <summary>Gets the newest sample, or null before the first line.</summary>
    public TegrastatsSample? Latest => _latest?.Sample;

    /// <summary>Gets the age of <see cref="Latest"/>, or null before the first line.</summary>
    public TimeSpan? LatestAge => _latest is Reading r ? _time.GetUtcNow() - r.At : null;

    /// <summary>Gets the process id of the running child, or null.</summary>
    internal int? ChildProcessId => _child?.Id;

    /// <summary>Gets how many times the executable has been looked for.</summary>
    internal int Lookups => Volatile.Read(ref _lookups);

    /// <summary>Raised with the delay before each restart (for tests and logs).</summary>
    internal event Action<TimeSpan>? RestartScheduled;

    /// <summary>Starts the background loop. Calling it again does nothing.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_status != TegrastatsStatus.NotStarted)
            {
                return;
            }

            _status = TegrastatsStatus.Restarting;
            _loop = Task.Run(() => RunAsync(_stopping.Token));
        }
    }

    /// <summary>Yields each sample as it arrives. A reader that falls behind loses the oldest samples, never delays the stream.</summary>
    /// <param name="cancellationToken">Ends the enumeration.</param>
    /// <returns>The samples.</returns>
    public async IAsyncEnumerable<TegrastatsSample> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<TegrastatsSample>(new BoundedChannelOptions(8) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }

        try
        {
            await foreach (TegrastatsSample sample in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return sample;
            }
        }
        finally
        {
            lock (_gate)
            {
                _subscribers.Remove(channel);
            }
        }
    }

    /// <summary>Stops the loop, kills and reaps the child.</summary>
    /// <returns>A task that completes when the loop has ended.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_status == TegrastatsStatus.Stopped)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _child?.Stop(); // unblocks a pending read; the loop's own cleanup disposes it
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the loop ends by cancellation
        }

        _status = TegrastatsStatus.Stopped;
        lock (_gate)
        {
            foreach (Channel<TegrastatsSample> subscriber in _subscribers)
            {
                subscriber.Writer.TryComplete();
            }
        }

        _stopping.Dispose();
    }

    /// <summary>Stops the loop, kills and reaps the child.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Interlocked.Increment(ref _lookups);
            string? path = ExecutableLocator.Find(_fileSystem, _options.ExecutablePath, "tegrastats", WellKnownDirectories, out string? failure);
            if (path is null)
            {
                _status = TegrastatsStatus.Absent;
                _lastError = failure;
                await Task.Delay(_options.AbsentRecheckInterval, _time, stopping).ConfigureAwait(false);
                continue;
            }

            // One pipeline execution lasts until a child runs healthily and then ends: its retries restart
            // children that fail quickly, with growing delays; after a healthy run the backoff starts over.
            await _restarts.ExecuteAsync(token => RunChildAsync(path, token), stopping).ConfigureAwait(false);
            Interlocked.Increment(ref _restartCount);
        }
    }

    private async ValueTask RunChildAsync(string path, CancellationToken stopping)
    {
        string interval = ((int)_options.Interval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        IChildProcess child;
        try
        {
            child = _runner.Start(path, ["--interval", interval]);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new TegrastatsException($"{path}: cannot start: {e.Message}", e);
        }

        _child = child;
        _status = TegrastatsStatus.Running;
        DateTimeOffset started = _time.GetUtcNow();
        int lines = 0;
        TimeSpan stallAfter = _options.Interval * _options.StallIntervals;
        try
        {
            while (true)
            {
                string? line;
                using (var stall = new CancellationTokenSource(stallAfter, _time))
                using (var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, stall.Token))
                {
                    try
                    {
                        line = await child.ReadLineAsync(linked.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                    {
                        throw new TegrastatsException($"tegrastats stalled: no line for {stallAfter.TotalSeconds:0.#} s");
                    }
                }

                if (line is null)
                {
                    child.Stop();
                    string stderr = child.LastErrorLine is string e ? $": {e}" : string.Empty;
                    string message = $"tegrastats exited with code {child.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "?"} after {lines} lines{stderr}";
                    if (lines > 0 && _time.GetUtcNow() - started >= _options.HealthyRunDuration)
                    {
                        _lastError = message;
                        return; // a healthy run ended: restart at once, with a fresh backoff
                    }

                    throw new TegrastatsException(message);
                }

                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                lines++;
                TegrastatsSample sample;
                try
                {
                    sample = TegrastatsLine.Parse(line);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // The parser never fails on content; should it have a defect, one bad line costs that line, not the stream.
                    _lastError = $"line not parsed ({e.GetType().Name}: {e.Message})";
                    continue;
                }

                Publish(sample);
            }
        }
        finally
        {
            child.Stop();
            child.Dispose();
            _child = null;
        }
    }

    private void Publish(TegrastatsSample sample)
    {
        _latest = new Reading(sample, _time.GetUtcNow());
        lock (_gate)
        {
            foreach (Channel<TegrastatsSample> subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(sample);
            }
        }
    }

    private sealed record Reading(TegrastatsSample Sample, DateTimeOffset At);
}

using HardwareProbes.Snapshots;
using HardwareProbes;
using MonitorWorker.Sampling;

namespace MonitorWorker.Demo;

/// <summary>
/// <c>pi-stat demo &lt;board&gt;</c> (or PISTAT_DEMO): a fixture board served with readings that move, labelled as a
/// demo in <c>/stats</c> and on the dashboard. Cost: the board's files (a few KB) rewritten after every sample.
/// </summary>
public static partial class DemoServices
{
    /// <summary>
    /// With PISTAT_DEMO set, copies the board, points the probes at the copy and registers the subscriber that moves its
    /// readings on after every sample. The probes must not be registered yet (they would keep this machine's paths):
    /// called after them, it throws.
    /// </summary>
    /// <exception cref="InvalidOperationException">The probes are registered already.</exception>
    public static IServiceCollection AddDemo(this IServiceCollection services, DemoOptions options, ProbeOptions probes)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(probes);
        if (options.Board is not string board)
        {
            return services;
        }

        if (services.Any(d => d.ServiceType == typeof(ProbeOptions)))
        {
            throw new InvalidOperationException("AddDemo must come before the probes are registered (AddSampling): it points them at the demo board");
        }

        DemoBoard demo = DemoBoard.Prepare(board, probes);
        services.AddSingleton(_ => demo); // a factory registration: the container disposes it (and removes the copy) at shutdown
        // The container disposes only what it made: a start that fails before the demo is first used, or an exit that
        // skips the container, still removes the copy. (A killed process cannot; the next demo start removes its copy.)
        AppDomain.CurrentDomain.ProcessExit += (_, _) => demo.Dispose();
        services.AddSingleton<ISnapshotSubscriber, DemoAnimator>();
        return services;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: serving the fixture board {Board} with simulated readings ({Folder})")]
    private static partial void LogServing(ILogger logger, string board, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo: could not move the readings on: {Error}")]
    private static partial void LogCannotAdvance(ILogger logger, string error);

    /// <summary>
    /// Moves the demo board's readings on after each background sample, by the time since the last move on the
    /// service's clock: every sample then sees counters that advanced (a timer of its own would now and then let two
    /// samples read the same files, and show no CPU usage between them).
    /// </summary>
    private sealed class DemoAnimator(DemoBoard demo, TimeProvider time, ILogger<DemoBoard> log) : ISnapshotSubscriber
    {
        private long _last = -1;

        public void OnSnapshot(HardwareSnapshot snapshot)
        {
            long now = time.GetTimestamp();
            if (_last < 0)
            {
                LogServing(log, demo.Name, demo.Board);
            }

            double seconds = _last < 0 ? 1 : time.GetElapsedTime(_last, now).TotalSeconds;
            _last = now;
            try
            {
                demo.Advance(Math.Clamp(seconds, 0.01, 60));
            }
            catch (IOException e)
            {
                LogCannotAdvance(log, e.Message);
            }
        }
    }
}

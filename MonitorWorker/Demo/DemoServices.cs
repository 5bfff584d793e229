using MonitorWorker.Configuration;

namespace MonitorWorker.Demo;

/// <summary>
/// <c>pi-stat demo &lt;board&gt;</c> (or PISTAT_DEMO): a fixture board served with readings that move, labelled as a
/// demo in <c>/stats</c> and on the dashboard. Cost: the board's files (a few KB) rewritten once a second.
/// </summary>
public static partial class DemoServices
{
    /// <summary>
    /// With PISTAT_DEMO set, copies the board, points the probes at the copy (this is why it comes before the sampling
    /// registration) and registers the service that moves its readings every sample interval.
    /// </summary>
    public static IServiceCollection AddDemo(this IServiceCollection services, PiStatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Demo is not string board)
        {
            return services;
        }

        DemoBoard demo = DemoBoard.Prepare(board, options);
        services.AddSingleton(_ => demo); // a factory registration: the container disposes it (and removes the copy) at shutdown
        services.AddHostedService<DemoAnimator>();
        return services;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: serving the fixture board {Board} with simulated readings ({Folder})")]
    private static partial void LogServing(ILogger logger, string board, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo: could not move the readings on: {Error}")]
    private static partial void LogCannotAdvance(ILogger logger, string error);

    /// <summary>Moves the demo board's readings on once per sample interval, on the service's clock.</summary>
    private sealed class DemoAnimator(DemoBoard demo, Microsoft.Extensions.Options.IOptions<PiStatOptions> options, TimeProvider time, ILogger<DemoBoard> log) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            LogServing(log, demo.Name, demo.Board);
            TimeSpan interval = options.Value.SampleInterval;
            using var timer = new PeriodicTimer(interval, time);
            try
            {
                while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                {
                    try
                    {
                        demo.Advance(interval.TotalSeconds);
                    }
                    catch (IOException e)
                    {
                        LogCannotAdvance(log, e.Message);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}

using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace MonitorWorker.Service;

/// <summary>The one way the service keeps trying something that fails (a broker, a notification target): Polly's retry, on the service's clock.</summary>
public static class Backoff
{
    /// <summary>
    /// A pipeline that runs an action until it succeeds or the caller's token is cancelled: a failure the action is
    /// expected to have (<paramref name="handles"/>, and an attempt over <paramref name="attemptTimeout"/>) is retried
    /// after an exponential delay from <paramref name="first"/> to at most <paramref name="max"/>, with jitter.
    /// <paramref name="onFirstFailure"/> hears the first failure of each run (its message), for one log line rather
    /// than one per attempt.
    /// </summary>
    public static ResiliencePipeline Forever(TimeProvider time, TimeSpan first, TimeSpan max, Func<Exception, bool> handles, Action<string> onFirstFailure, TimeSpan? attemptTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(handles);
        ArgumentNullException.ThrowIfNull(onFirstFailure);
        ResiliencePipelineBuilder builder = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is TimeoutRejectedException || handles(e)),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = first,
                MaxDelay = max,
                UseJitter = true,
                OnRetry = args =>
                {
                    if (args.AttemptNumber == 0)
                    {
                        onFirstFailure(args.Outcome.Exception?.Message ?? "no answer");
                    }

                    return default;
                },
            });
        if (attemptTimeout is TimeSpan timeout)
        {
            builder.AddTimeout(timeout);
        }

        return builder.Build();
    }
}

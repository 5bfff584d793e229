using System.Threading.Channels;

namespace MonitorWorker.Service;

/// <summary>How a background loop that serves a queue and a schedule waits between its rounds.</summary>
public static class Waits
{
    /// <summary>
    /// Returns when <paramref name="reader"/> has an item to read, <paramref name="delay"/> has passed on
    /// <paramref name="time"/>, <paramref name="other"/> (when given) has completed, or <paramref name="cancellationToken"/>
    /// is cancelled; never throws. The waits not yet over are cancelled and observed before it returns.
    /// </summary>
    public static async Task ForItemOrDelayAsync<T>(ChannelReader<T> reader, TimeSpan delay, TimeProvider time, CancellationToken cancellationToken, Task? other = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task timer = Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, time, wake.Token);
        Task item = reader.WaitToReadAsync(wake.Token).AsTask();
        await (other is null ? Task.WhenAny(timer, item) : Task.WhenAny(timer, item, other)).ConfigureAwait(false);
        await wake.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(timer, item).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
    }
}

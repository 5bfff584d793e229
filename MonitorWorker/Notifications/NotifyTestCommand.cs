using MonitorWorker.Service;

namespace MonitorWorker.Notifications;

/// <summary><c>pi-stat notify-test</c>: one test message to every target, straight (not through the outbox), each target's result on a line.</summary>
public static class NotifyTestCommand
{
    /// <returns>0 when every target took its message, 1 when one did not, 2 when no target is set.</returns>
    public static async Task<int> RunAsync(NotifyOptions options, string? demo, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        if (options.Targets.Count == 0)
        {
            await output.WriteLineAsync("PISTAT_NOTIFY_URLS is not set: no target to test").ConfigureAwait(false);
            return 2;
        }

        string node = ServiceIdentity.NodeName(demo);
        int failed = 0;
        foreach (NotifyTarget target in options.Targets)
        {
            var message = new Notification(
                Guid.CreateVersion7().ToString("N"), target.Key, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), node, "info", "test", "notifications",
                $"{node}: a test message", $"A test message from pi-stat on {node}: this target receives its notifications", null);
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(NotificationService.AttemptTimeout);
            string line;
            try
            {
                int status = await NotificationSender.SendAsync(target, message, attempt.Token).ConfigureAwait(false);
                line = $"{target.Display}: delivered (HTTP {status})";
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or InvalidDataException or System.Security.Authentication.AuthenticationException or NotificationFailedException or OperationCanceledException)
            {
                failed++;
                string why = e switch
                {
                    NotificationFailedException f => $"HTTP {f.Status}",
                    OperationCanceledException => $"no answer within {NotificationService.AttemptTimeout.TotalSeconds:0} s",
                    _ => e.Message,
                };
                line = $"{target.Display}: failed ({why})";
            }

            await output.WriteLineAsync(line).ConfigureAwait(false);
        }

        return failed == 0 ? 0 : 1;
    }
}

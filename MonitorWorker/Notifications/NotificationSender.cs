using System.Globalization;
using System.Text;
using System.Text.Json;
using MonitorWorker.Http;

namespace MonitorWorker.Notifications;

/// <summary>
/// Sends one message to one target over HTTP/1.1 (<see cref="PlainHttp.PostAsync"/>): a JSON POST
/// (<see cref="NotificationBody"/>), or ntfy's publish API (the message as the body; <c>Title</c>, <c>Priority</c> and
/// <c>Tags</c> headers). A login in the target's URL goes as HTTP Basic authorization, never in a URL, a log line or an
/// error. Anything but a 2xx answer is a failure.
/// </summary>
public static class NotificationSender
{
    /// <summary>Sends; throws <see cref="NotificationFailedException"/> (or the transport's exception) when the target did not take it.</summary>
    /// <returns>The HTTP status the target answered.</returns>
    public static async Task<int> SendAsync(NotifyTarget target, Notification message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        var headers = new List<string>();
        if (target.Login is string login)
        {
            headers.Add("Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(login)));
        }

        (int status, _) = target.Kind == NotifyKind.Ntfy
            ? await PlainHttp.PostAsync(
                target.Endpoint,
                [.. headers, "Title: " + HeaderText(message.Title), "Priority: " + message.Severity switch { "critical" => "urgent", "warning" => "high", _ => "default" }, "Tags: " + Tag(message)],
                "text/plain; charset=utf-8",
                Encoding.UTF8.GetBytes(message.Message),
                cancellationToken).ConfigureAwait(false)
            : await PlainHttp.PostAsync(target.Endpoint, headers, "application/json; charset=utf-8", JsonSerializer.SerializeToUtf8Bytes(Body(message), NotificationsJsonContext.Relaxed.NotificationBody), cancellationToken).ConfigureAwait(false);
        return status is >= 200 and < 300 ? status : throw new NotificationFailedException($"{target.Display} answered HTTP {status}", status);
    }

    private static NotificationBody Body(Notification message) => new(
        message.Node, message.Severity, message.Kind, message.Subject, message.Title, message.Message,
        DateTimeOffset.FromUnixTimeSeconds(message.Time).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), message.Readings);

    /// <summary>ntfy's tags (emoji short codes): an alarm for critical, a warning sign, a check mark for a recovery.</summary>
    private static string Tag(Notification message) => message.Message.Contains(": recovered after ", StringComparison.Ordinal) ? "white_check_mark"
        : message.Severity switch { "critical" => "rotating_light", "warning" => "warning", _ => "information_source" };

    /// <summary>A header value: ASCII as it is, anything else as an RFC 2047 encoded word (which ntfy decodes).</summary>
    private static string HeaderText(string text) => Ascii.IsValid(text) && !text.Any(char.IsControl)
        ? text
        : "=?UTF-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(text.ReplaceLineEndings(" "))) + "?=";
}

/// <summary>A target that answered, but not with a 2xx.</summary>
public sealed class NotificationFailedException(string message, int status) : Exception(message)
{
    /// <summary>Gets the HTTP status the target answered.</summary>
    public int Status { get; } = status;
}

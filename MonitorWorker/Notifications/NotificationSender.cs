using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace MonitorWorker.Notifications;

/// <summary>
/// Sends one message to one target over HTTP: a JSON POST (<see cref="NotificationBody"/>), or ntfy's publish API (the
/// message as the body; <c>Title</c>, <c>Priority</c> and <c>Tags</c> headers). A login in the target's URL goes as
/// HTTP Basic authorization, never in a URL, a log line or an error. Anything but a 2xx answer is a failure.
/// </summary>
public sealed class NotificationSender(HttpClient http)
{
    /// <summary>Sends; throws <see cref="NotificationFailedException"/> (or the transport's exception) when the target did not take it.</summary>
    /// <returns>The HTTP status the target answered.</returns>
    public async Task<int> SendAsync(NotifyTarget target, Notification message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Endpoint);
        if (target.Login is string login)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(login)));
        }

        if (target.Kind == NotifyKind.Ntfy)
        {
            request.Content = new StringContent(message.Message, Encoding.UTF8, "text/plain");
            request.Headers.TryAddWithoutValidation("Title", HeaderText(message.Title));
            request.Headers.TryAddWithoutValidation("Priority", message.Severity switch { "critical" => "urgent", "warning" => "high", _ => "default" });
            request.Headers.TryAddWithoutValidation("Tags", Tag(message));
        }
        else
        {
            var body = new NotificationBody(
                message.Node, message.Severity, message.Kind, message.Subject, message.Title, message.Message,
                DateTimeOffset.FromUnixTimeSeconds(message.Time).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), message.Readings);
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, NotificationsJsonContext.Relaxed.NotificationBody));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        int status = (int)response.StatusCode;
        return status is >= 200 and < 300 ? status : throw new NotificationFailedException($"{target.Display} answered HTTP {status}", status);
    }

    /// <summary>The client the service sends with: a short connect timeout, connections renewed (a target's address may move).</summary>
    public static HttpClient CreateClient() => new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AllowAutoRedirect = false,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan, // each attempt has its own timeout
    };

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

using System.Diagnostics;
using System.Text;

namespace MonitorWorker.Http;

/// <summary>
/// With PISTAT_DEBUG, one log line per request: method, path, query, status and time. Query values whose names look
/// like credentials (key, token, secret, password, auth, signature) are written as <c>***</c>, so a key a client wrongly
/// sends in the URL does not end up in the journal.
/// </summary>
internal static partial class RequestLog
{
    private static readonly string[] SecretNameParts = ["key", "token", "secret", "password", "passwd", "auth", "signature", "sig", "session", "cookie"];

    public static WebApplication UseRequestLog(this WebApplication app, bool debug)
    {
        if (!debug)
        {
            return app;
        }

        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MonitorWorker.Requests");
        app.Use(async (context, next) =>
        {
            long started = Stopwatch.GetTimestamp();
            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                double milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                string query = Redact(context.Request.QueryString);
                LogRequest(logger, context.Request.Method, context.Request.Path.Value ?? "/", query, context.Response.StatusCode, milliseconds);
            }
        });
        return app;
    }

    /// <summary>The query string with the values of credential-like names replaced by <c>***</c>; names and order are kept.</summary>
    public static string Redact(QueryString query)
    {
        string text = query.Value ?? string.Empty;
        if (text.Length <= 1)
        {
            return text;
        }

        var redacted = new StringBuilder(text.Length);
        foreach (string pair in text[1..].Split('&'))
        {
            redacted.Append(redacted.Length == 0 ? '?' : '&');
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            string name = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' '));
            redacted.Append(eq >= 0 && LooksSecret(name) ? $"{pair[..eq]}=***" : pair);
        }

        return redacted.ToString();
    }

    private static bool LooksSecret(string name)
    {
        foreach (string part in SecretNameParts)
        {
            if (name.Contains(part, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path}{Query} answered {Status} in {Milliseconds:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string path, string query, int status, double milliseconds);
}

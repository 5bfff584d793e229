namespace MonitorWorker.Errors;

/// <summary>Every error body: <c>{"error": "...", "timestamp": "&lt;ISO-8601 UTC&gt;"}</c>.</summary>
public sealed record ErrorResponse(string Error, string Timestamp)
{
    public static ErrorResponse Now(string error, TimeProvider time)
        => new(error, (time ?? TimeProvider.System).GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
}

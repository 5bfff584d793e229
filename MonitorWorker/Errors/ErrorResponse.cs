using MonitorWorker.Service;

namespace MonitorWorker.Errors;

/// <summary>Every error body: <c>{"error": "...", "timestamp": "&lt;ISO-8601 UTC&gt;"}</c>.</summary>
public sealed record ErrorResponse(string Error, string Timestamp)
{
    public static ErrorResponse Now(string error, TimeProvider time) => new(error, Timestamps.Now(time));
}

using Microsoft.AspNetCore.Http.HttpResults;
using MonitorWorker.Json;
using MonitorWorker.Service;

namespace MonitorWorker.Errors;

/// <summary>Every error body: <c>{"error": "...", "timestamp": "&lt;ISO-8601 UTC&gt;"}</c>.</summary>
public sealed record ErrorResponse(string Error, string Timestamp)
{
    public static ErrorResponse Now(string error, TimeProvider time) => new(error, Timestamps.Now(time));

    /// <summary>An endpoint's error answer: this body, timestamped now, with <paramref name="status"/>.</summary>
    public static JsonHttpResult<ErrorResponse> Result(string error, int status, TimeProvider time)
        => TypedResults.Json(Now(error, time), ErrorsJsonContext.Relaxed.ErrorResponse, statusCode: status);
}

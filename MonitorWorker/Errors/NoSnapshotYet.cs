using Microsoft.AspNetCore.Http.HttpResults;

namespace MonitorWorker.Errors;

/// <summary>
/// The one answer every endpoint gives before the first snapshot (or when the sampler is stalled): 503 in the error
/// shape with <c>Retry-After: 1</c>, the sampler's interval being a second by default. Each family keeps its message:
/// the Tegrastats API's clients expect its <c>No data available</c>.
/// </summary>
public static class NoSnapshotYet
{
    public static JsonHttpResult<ErrorResponse> Answer(HttpContext context, string message, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.RetryAfter = "1";
        return ErrorResponse.Result(message, StatusCodes.Status503ServiceUnavailable, time);
    }
}

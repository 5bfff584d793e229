using Microsoft.AspNetCore.Http.HttpResults;
using MonitorWorker.Errors;

namespace MonitorWorker.Http;

/// <summary>
/// The one 503 every endpoint gives: the error shape with <c>Retry-After</c>. Before the first snapshot (or while the
/// sampler is stalled) that is 1 s, the sampler's interval by default; a store that cannot be used says when it is
/// worth trying again. Each family keeps its message: the Tegrastats API's clients expect its <c>No data available</c>.
/// </summary>
public static class Unavailable
{
    /// <summary>The seconds a client waits before asking again after a data file failed.</summary>
    public const int StoreRetrySeconds = 5;

    public static JsonHttpResult<ErrorResponse> Answer(HttpContext context, string message, TimeProvider time, int retryAfterSeconds = 1)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ErrorResponse.Result(message, StatusCodes.Status503ServiceUnavailable, time);
    }
}

namespace MonitorWorker.Dashboard;

/// <summary>One of the dashboard's files as an answer: 304 when the client holds this version, else its bytes, gzip-compressed when asked.</summary>
public sealed class DashboardFile(DashboardAsset asset, bool unchanged, bool gzip) : IResult
{
    /// <summary>Gets whether the answer is 304 Not Modified.</summary>
    public bool Unchanged => unchanged;

    /// <summary>Writes the answer.</summary>
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (unchanged)
        {
            httpContext.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        byte[] body = gzip ? asset.Gzip : asset.Raw;
        httpContext.Response.ContentType = asset.ContentType;
        httpContext.Response.ContentLength = body.Length;
        return HttpMethods.IsHead(httpContext.Request.Method) ? Task.CompletedTask : httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }
}

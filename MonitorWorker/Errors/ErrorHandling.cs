using MonitorWorker.Json;

namespace MonitorWorker.Errors;

/// <summary>JSON errors for every failure path.</summary>
public static class ErrorHandling
{
    /// <summary>Unmatched paths (404), wrong methods (405) and unhandled exceptions (500) answer in the error shape.</summary>
    public static WebApplication UseJsonErrors(this WebApplication app)
    {
        app.UseExceptionHandler(handler => handler.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return WriteErrorAsync(context, "Internal error; the log has the details");
        }));
        app.UseStatusCodePages(context => context.HttpContext.Response.HasStarted
            ? Task.CompletedTask
            : WriteErrorAsync(context.HttpContext, context.HttpContext.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => $"No endpoint at {context.HttpContext.Request.Path}; GET / lists them",
                StatusCodes.Status405MethodNotAllowed => $"{context.HttpContext.Request.Method} is not allowed here; use GET",
                int other => $"HTTP {other}",
            }));
        return app;
    }

    /// <summary>Writes the error body, with the status code the response already has.</summary>
    public static Task WriteErrorAsync(HttpContext context, string message)
    {
        TimeProvider time = context.RequestServices.GetRequiredService<TimeProvider>();
        context.Response.ContentType = "application/json; charset=utf-8";
        return System.Text.Json.JsonSerializer.SerializeAsync(context.Response.Body, ErrorResponse.Now(message, time), ErrorsJsonContext.Relaxed.ErrorResponse);
    }
}

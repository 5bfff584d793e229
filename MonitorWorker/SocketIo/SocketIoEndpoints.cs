using MonitorWorker.AccessControl;
using MonitorWorker.Configuration;

namespace MonitorWorker.SocketIo;

/// <summary>Socket.IO at <c>/socket.io/</c>, for the Tegrastats API's own clients (Python, browsers, ESP32 displays).</summary>
public static class SocketIoEndpoints
{
    public const string Path = "/socket.io";

    public static IServiceCollection AddSocketIo(this IServiceCollection services, SocketIoOptions options)
    {
        services.AddFeatureOptions(options);
        services.AddSingleton<SocketIoServer>();
        return services;
    }

    public static IEndpointRouteBuilder MapSocketIo(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        SocketIoServer server = app.ServiceProvider.GetRequiredService<SocketIoServer>();
        app.ServiceProvider.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(server.CloseAll);
        app.MapMethods(Path + "/", ["GET", "POST"], (HttpContext context, SocketIoServer socketIo) => socketIo.HandleAsync(context))
            .WithName("SocketIo")
            .WithSummary("Socket.IO (Engine.IO 4: polling, WebSocket, upgrade; Socket.IO 5 main namespace): a 42[\"tegrastats_update\",<the /api/status body>] packet per sample")
            .Produces(StatusCodes.Status200OK, contentType: "text/plain")
            .Produces(StatusCodes.Status101SwitchingProtocols)
            .Produces(StatusCodes.Status400BadRequest, contentType: "application/json")
            .OpenWithoutKey();

        // Methods Engine.IO does not use get the protocol's own answer, not a 405. (Routing matches the path with or without its slash.)
        app.MapMethods(Path + "/", ["PUT", "DELETE", "PATCH"], server.HandleAsync).ExcludeFromDescription()
            .OpenWithoutKey();
        return app;
    }
}

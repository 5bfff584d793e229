using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Features;
using MonitorWorker.Configuration;
using MonitorWorker.Errors;
using MonitorWorker.Sampling;

namespace MonitorWorker.Push;

/// <summary>Live push: a <c>tegrastats_update</c> per background sample over WebSocket (<c>/ws</c>) or Server-Sent Events (<c>/api/stream</c>).</summary>
public static class PushEndpoints
{
    /// <summary>RFC 6455 close code 1013, "try again later": the server is at PISTAT_MAX_CONNECTIONS.</summary>
    public const WebSocketCloseStatus TryAgainLater = (WebSocketCloseStatus)1013;

    /// <summary>Registers the hub of live-push clients as a subscriber to each new snapshot.</summary>
    public static IServiceCollection AddPush(this IServiceCollection services, PushOptions options)
    {
        services.AddFeatureOptions(options);
        services.AddSingleton<PushHub>();
        services.AddSingleton<ISnapshotSubscriber>(provider => provider.GetRequiredService<PushHub>());
        services.AddSingleton<ILiveClients>(provider => provider.GetRequiredService<PushHub>());
        return services;
    }

    public static IEndpointRouteBuilder MapPush(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ws", RunWebSocketAsync)
            .WithName("GetWebSocketStream")
            .WithSummary("WebSocket: one {\"event\":\"tegrastats_update\",\"data\":<the /api/status body>} text message per sample; close code 1013 when full")
            .Produces(StatusCodes.Status101SwitchingProtocols)
            .Produces<ErrorResponse>(StatusCodes.Status400BadRequest, "application/json");
        app.MapGet("/api/stream", RunEventStreamAsync)
            .WithName("GetEventStream")
            .WithSummary("Server-Sent Events: one 'tegrastats_update' event per sample, data = the /api/status body; 503 when full")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .Produces<ErrorResponse>(StatusCodes.Status503ServiceUnavailable, "application/json");
        return app;
    }

    private static async Task RunWebSocketAsync(HttpContext context, PushHub hub, TimeProvider time)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await ErrorHandling.WriteErrorAsync(context, "/ws expects a WebSocket upgrade; plain HTTP clients can read /api/stream (Server-Sent Events)").ConfigureAwait(false);
            return;
        }

        // The place is taken before the handshake completes: once a client's upgrade has succeeded it is counted, so
        // clients are admitted in the order their upgrades finish, and a refused one learns it from its first read.
        bool admitted = hub.TryJoin(context, out PushClient? client);
        try
        {
            using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            if (!admitted)
            {
                await socket.CloseAsync(TryAgainLater, Full(hub), context.RequestAborted).ConfigureAwait(false);
                return;
            }

            using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            Task receiving = ReceiveUntilCloseAsync(socket, done.Token);
            Task sending = SendAsync(socket, client!, time, done.Token);
            await Task.WhenAny(receiving, sending).ConfigureAwait(false);
            await done.CancelAsync().ConfigureAwait(false);
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", closing.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            // The client went away (a refused one may leave without completing the close handshake); nothing to tell it.
        }
        finally
        {
            if (admitted)
            {
                hub.Leave(client!);
            }
        }
    }

    private static async Task SendAsync(WebSocket socket, PushClient client, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (PushMessage message in client.Messages.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await socket.SendAsync(message.WebSocketFrame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
                client.Delivered(time.GetTimestamp());
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
        }
    }

    /// <summary>Clients send nothing but control frames; reading is what notices their close frame.</summary>
    private static async Task ReceiveUntilCloseAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[256];
        try
        {
            while (true)
            {
                WebSocketReceiveResult received = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
        }
    }

    private static async Task RunEventStreamAsync(HttpContext context, PushHub hub, TimeProvider time)
    {
        if (!hub.TryJoin(context, out PushClient? client))
        {
            context.Response.Headers.RetryAfter = "5";
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await ErrorHandling.WriteErrorAsync(context, Full(hub)).ConfigureAwait(false);
            return;
        }

        try
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers["X-Accel-Buffering"] = "no";
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await context.Response.StartAsync(context.RequestAborted).ConfigureAwait(false);
            await foreach (PushMessage message in client!.Messages.ReadAllAsync(context.RequestAborted).ConfigureAwait(false))
            {
                await context.Response.Body.WriteAsync(message.ServerSentEvent, context.RequestAborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                client.Delivered(time.GetTimestamp());
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
        }
        finally
        {
            hub.Leave(client!);
        }
    }

    private static string Full(PushHub hub)
        => $"Too many live clients: {hub.MaxClients} are connected (PISTAT_MAX_CONNECTIONS); try again later";
}

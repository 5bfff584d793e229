using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace MonitorWorker.Tests;

/// <summary>
/// A target for notifications on loopback: it keeps every POST it takes (path, headers, body), in order, and can be
/// made to answer 503 (down) instead.
/// </summary>
internal sealed class NotificationReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();
    private volatile bool _down;

    private NotificationReceiver(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    /// <summary>Gets or sets a value indicating whether every POST is refused with 503.</summary>
    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    /// <summary>Gets how many POSTs were refused while down.</summary>
    public int Refused => _refused;

    private int _refused;

    public IReadOnlyList<Received> Messages => [.. _received];

    public static async Task<NotificationReceiver> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var receiver = new NotificationReceiver(app);
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            if (receiver._down)
            {
                Interlocked.Increment(ref receiver._refused);
                return Results.StatusCode(503);
            }

            using var reader = new StreamReader(context.Request.Body);
            string body = await reader.ReadToEndAsync();
            receiver._received.Enqueue(new Received(
                context.Request.Path.Value ?? string.Empty,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body));
            return Results.Ok();
        });
        await app.StartAsync();
        receiver.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal sealed record Received(string Path, IReadOnlyDictionary<string, string> Headers, string Body);
}

using Microsoft.AspNetCore.Http.HttpResults;
using System.IO.Hashing;
using MonitorWorker.AccessControl;
using MonitorWorker.Http;

namespace MonitorWorker.Dashboard;

/// <summary>
/// The dashboard: one page (<c>/</c> for a browser) and its script, style and chart library (<c>/dashboard/*</c>), all
/// embedded in the binary and served from memory, gzip-compressed when the browser accepts it, with an ETag
/// and <c>Cache-Control: no-cache</c> so a reload costs a 304. The page's Content-Security-Policy allows this host
/// only: it makes no request to another, and works on a LAN with no internet. The files carry no readings, so they
/// are served without the API key; the page asks for the key and sends it with every data request.
/// Cost: the assets' bytes (about 90 KB as they are and 35 KB compressed at build time, read into memory on the first
/// request) and nothing per sample.
/// </summary>
public static class DashboardEndpoints
{
    /// <summary>Where the assets are served; the API key is not asked for under it.</summary>
    public const string AssetPath = "/dashboard";

    /// <summary>The page's policy: everything from this host, nothing inline but styles the chart library sets.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly Lazy<IReadOnlyDictionary<string, DashboardAsset>> Assets = new(Load);

    /// <summary>Gets the assets by name (<c>index.html</c>, <c>app.js</c>, …).</summary>
    public static IReadOnlyDictionary<string, DashboardAsset> All => Assets.Value;

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapMethods(AssetPath + "/{name}", ReadMethods.GetAndHead, Results<DashboardFile, NotFound> (HttpContext context, string name) =>
                Assets.Value.TryGetValue(name, out DashboardAsset? asset) && !name.EndsWith(".html", StringComparison.Ordinal)
                    ? Serve(context, asset)
                    : TypedResults.NotFound())
            .ExcludeFromDescription()
            .OpenWithoutKey();
        app.MapMethods(FleetPath, ReadMethods.GetAndHead, (HttpContext context) => Page(context, "fleet.html"))
            .WithName("GetFleetPage")
            .WithTags("Fleet")
            .WithSummary("The fleet page: every node of /api/monitoring/resources in a sortable table (cards on a phone) with a CPU and temperature sparkline from /api/monitoring/trends")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .OpenWithoutKey();
        return app;
    }

    /// <summary>Where the fleet page is served; like the dashboard it holds no readings and needs no key.</summary>
    public const string FleetPath = "/fleet";

    /// <summary>Answers with the dashboard (for <c>/</c> when the client is a browser) or another page.</summary>
    public static DashboardFile Page(HttpContext context, string page = "index.html")
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        return Serve(context, Assets.Value[page]);
    }

    private static DashboardFile Serve(HttpContext context, DashboardAsset asset)
    {
        IHeaderDictionary headers = context.Response.Headers;
        headers.ETag = asset.ETag;
        headers.CacheControl = "no-cache";
        headers.Vary = "Accept-Encoding";
        headers.XContentTypeOptions = "nosniff";
        bool unchanged = context.Request.Headers.IfNoneMatch.Any(tag => tag == asset.ETag || tag == "*");
        bool gzip = !unchanged && Accepts(context.Request.Headers.AcceptEncoding.ToString(), "gzip");
        if (gzip)
        {
            headers.ContentEncoding = "gzip";
        }

        return new DashboardFile(asset, unchanged, gzip);
    }

    /// <summary>Whether an Accept-Encoding header allows a coding (named, and not with q=0).</summary>
    internal static bool Accepts(string header, string coding)
    {
        foreach (string part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string[] pieces = part.Split(';', StringSplitOptions.TrimEntries);
            if (string.Equals(pieces[0], coding, StringComparison.OrdinalIgnoreCase))
            {
                return !pieces.Skip(1).Any(p => p.Replace(" ", string.Empty, StringComparison.Ordinal) is "q=0" or "q=0.0" or "q=0.00" or "q=0.000");
            }
        }

        return false;
    }

    private static Dictionary<string, DashboardAsset> Load()
    {
        var assets = new Dictionary<string, DashboardAsset>(StringComparer.Ordinal);
        // Every file of wwwroot/ and the vendored uPlot is embedded as dashboard/<name>, with its gzip beside it.
        foreach (string resource in typeof(DashboardEndpoints).Assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith("dashboard/", StringComparison.Ordinal) || resource.EndsWith(".gz", StringComparison.Ordinal))
            {
                continue;
            }

            string name = resource["dashboard/".Length..];
            string type = Path.GetExtension(name) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                _ => "application/octet-stream",
            };
            assets[name] = new DashboardAsset(Resource(resource), Resource(resource + ".gz"), type);
        }

        return assets;
    }

    private static byte[] Resource(string name)
    {
        using Stream stream = typeof(DashboardEndpoints).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}

/// <summary>One embedded file: its bytes as they are and gzip-compressed (at build time), its type and its validator.</summary>
public sealed class DashboardAsset
{
    public DashboardAsset(byte[] raw, byte[] gzip, string contentType)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(gzip);
        Raw = raw;
        Gzip = gzip;
        ContentType = contentType;
        // XxHash3 needs no cryptography library: SHA-256 here would load OpenSSL, about 4 MB of RSS, for a validator.
        ETag = $"\"{XxHash3.HashToUInt64(raw):x16}-{raw.Length:x}\"";
    }

    public byte[] Raw { get; }

    public byte[] Gzip { get; }

    public string ContentType { get; }

    public string ETag { get; }
}

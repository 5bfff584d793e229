using System.Text.Json.Nodes;
using HardwareProbes.Snapshots;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using MonitorWorker.Health;
using MonitorWorker.Service;
using MonitorWorker.Tests.Sampling;

namespace MonitorWorker.Tests.Home;

/// <summary>
/// The service serves an embedded OpenAPI document (MonitorWorker/Home/openapi.json) instead of running the generator
/// at run time. These tests run ASP.NET Core's generator over the service's real endpoints and require the embedded
/// document to be what it makes of them. After changing an endpoint, regenerate the file with
/// <c>PISTAT_WRITE_OPENAPI=1 dotnet test MonitorWorker.Tests --filter OpenApiDocumentTests</c>.
/// </summary>
[TestClass]
public sealed class OpenApiDocumentTests
{
    private static string EmbeddedPath => Path.Combine(Paths.Root, "MonitorWorker", "Home", "openapi.json");

    [TestMethod]
    public async Task EmbeddedDocument_IsWhatTheGeneratorMakesOfTheEndpoints()
    {
        string generated = await GenerateAsync();
        if (Environment.GetEnvironmentVariable("PISTAT_WRITE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(EmbeddedPath, generated + "\n");
        }

        JsonNode? embedded = JsonNode.Parse(await File.ReadAllTextAsync(EmbeddedPath));
        Assert.IsTrue(
            JsonNode.DeepEquals(JsonNode.Parse(generated), embedded),
            $"{EmbeddedPath} is out of date with the endpoints; regenerate it with PISTAT_WRITE_OPENAPI=1 (see this class). Generated:\n{generated}");
    }

    [TestMethod]
    public async Task ServedDocument_IsTheEmbeddedOne()
    {
        using var source = new HookedSource();
        await using InProcessHost host = await InProcessHost.StartAsync(source);

        using HttpResponseMessage response = await host.Http.GetAsync("openapi/v1.json");

        Assert.AreEqual("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.IsTrue(JsonNode.DeepEquals(JsonNode.Parse(await File.ReadAllTextAsync(EmbeddedPath)), JsonNode.Parse(await response.Content.ReadAsStringAsync())));
    }

    /// <summary>The document ASP.NET Core's generator makes of the service as <see cref="AgentHost"/> builds it.</summary>
    private static async Task<string> GenerateAsync()
    {
        await using WebApplication app = AgentHost.Build(new AgentOptions { Server = { Host = "127.0.0.1", Port = 0 } }, services =>
        {
            services.AddSingleton<ISnapshotSource>(new HookedSource());
            services.AddOpenApi(openApi =>
            {
                openApi.AddDocumentTransformer((document, _, _) =>
                {
                    document.Info = new OpenApiInfo { Title = "pi-stat", Version = ServiceIdentity.Version, Description = "Hardware monitoring agent for Raspberry Pi, NVIDIA Jetson and Linux hosts. Every GET endpoint but the push streams also answers HEAD." };
                    return Task.CompletedTask;
                });

                // HEAD shares each GET's handler and operation id; listing it twice would repeat the id, which OpenAPI forbids.
                openApi.AddDocumentTransformer((document, _, _) =>
                {
                    foreach (IOpenApiPathItem item in document.Paths.Values)
                    {
                        (item as OpenApiPathItem)?.Operations?.Remove(HttpMethod.Head);
                    }

                    return Task.CompletedTask;
                });
                openApi.AddDocumentTransformer((document, _, _) => DescribeMetrics(document));
            });
        });

        // The endpoints reach the generator's data source when the pipeline is built, at start.
        await app.StartAsync();
        OpenApiDocument document = await app.Services.GetRequiredKeyedService<IOpenApiDocumentProvider>("v1").GetOpenApiDocumentAsync();
        string json = await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1);
        await app.StopAsync();
        return json;
    }

    /// <summary>OpenTelemetry's exporter maps <c>/metrics</c> as a plain request delegate, which the generator does not see.</summary>
    private static Task DescribeMetrics(OpenApiDocument document)
    {
        var operation = new OpenApiOperation
        {
            OperationId = "GetMetrics",
            Summary = "Prometheus text exposition of the readings (meter HardwareProbes)",
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse
                {
                    Description = "Every series with its HELP and TYPE lines",
                    Content = new Dictionary<string, OpenApiMediaType> { ["text/plain; version=0.0.4"] = new() },
                },
            },
        };
        var path = new OpenApiPathItem();
        path.AddOperation(HttpMethod.Get, operation);
        document.Paths.Add("/metrics", path);
        return Task.CompletedTask;
    }
}

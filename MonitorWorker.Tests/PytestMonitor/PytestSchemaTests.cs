using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using MonitorWorker.Persistence;
using MonitorWorker.PytestMonitor;

namespace MonitorWorker.Tests.PytestMonitor;

/// <summary>The pytest-monitor file's schema version: written on creation, older files migrated with their data, newer ones left alone.</summary>
[TestClass]
public sealed class PytestSchemaTests
{
    private static string NewFolder() => Path.Combine(Path.GetTempPath(), "pi-stat-pytest-" + Guid.NewGuid().ToString("N"));

    private static Task<InProcessHost> StartAsync(string folder)
        => InProcessHost.StartAsync(new HookedSource(), o => (o.Data.DataPath, o.History.MaxMegabytes) = (folder, 0)); // the database alone in the folder

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Runs statements on the file directly, as another program (or an older agent) would have.</summary>
    private static long OnFile(string folder, params string[] statements)
    {
        NativeSqlite.Register();
        Directory.CreateDirectory(folder);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, PytestStore.FileName), Pooling = false }.ToString());
        connection.Open();
        foreach (string sql in statements)
        {
            SqliteDatabase.Execute(connection, null, sql);
        }

        return SqliteDatabase.Scalar(connection, "PRAGMA user_version");
    }

    [TestMethod]
    public async Task ANewFile_HasTheCurrentSchemaVersion()
    {
        string folder = NewFolder();
        await using (InProcessHost host = await StartAsync(folder))
        {
            using HttpResponseMessage posted = await host.Http.PostAsync("api/v1/contexts/", Body(PytestMonitorTests.Context("v")));
            Assert.AreEqual(HttpStatusCode.Created, posted.StatusCode);
        }

        Assert.AreEqual(1, PytestStore.SchemaVersion);
        Assert.AreEqual(PytestStore.SchemaVersion, OnFile(folder));
        Directory.Delete(folder, recursive: true);
    }

    [TestMethod]
    public async Task AFileWithoutAVersion_IsMigrated_AndKeepsItsData()
    {
        string folder = NewFolder();
        long before = OnFile(
            folder,
            """
            CREATE TABLE contexts (
                h TEXT PRIMARY KEY, cpu_count INTEGER NOT NULL, cpu_frequency REAL NOT NULL, cpu_type TEXT NOT NULL,
                cpu_vendor TEXT NOT NULL, ram_total INTEGER NOT NULL, machine_node TEXT NOT NULL, machine_type TEXT NOT NULL,
                machine_arch TEXT NOT NULL, system_info TEXT NOT NULL, python_info TEXT NOT NULL, created_at INTEGER NOT NULL)
            """,
            "INSERT INTO contexts VALUES ('old', 4, 1500, '', 'Cortex-A72', 3789, 'pi', 'aarch64', '64bit', 'Linux', '3.11', 1)");
        await using (InProcessHost host = await StartAsync(folder))
        {
            JsonElement contexts = Json.Parse(await host.Http.GetStringAsync("api/v1/contexts/"));
            Assert.AreEqual("old", contexts.At("contexts")[0].Text("h"));
            using HttpResponseMessage posted = await host.Http.PostAsync("api/v1/sessions/", Body(PytestMonitorTests.Session("new")));
            Assert.AreEqual(HttpStatusCode.Created, posted.StatusCode, "the tables it lacked were made");
        }

        Assert.AreEqual(0, before);
        Assert.AreEqual(PytestStore.SchemaVersion, OnFile(folder));
        Directory.Delete(folder, recursive: true);
    }

    [TestMethod]
    public async Task AFileFromANewerAgent_IsRefusedWithTheReason_AndLeftAsItIs()
    {
        string folder = NewFolder();
        OnFile(folder, "CREATE TABLE future (x INTEGER)", "PRAGMA user_version = 7");
        await using (InProcessHost host = await StartAsync(folder))
        {
            using HttpResponseMessage refused = await host.Http.PostAsync("api/v1/contexts/", Body(PytestMonitorTests.Context("x")));
            string error = Json.Parse(await refused.Content.ReadAsStringAsync()).Text("error")!;
            JsonElement health = Json.Parse(await host.Http.GetStringAsync("health"));

            Assert.AreEqual(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.AreEqual("5", refused.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Contains("schema version 7, written by a newer pi-stat; this one knows up to 1", error);
            Assert.Contains("schema version 7", health.Text("checks.pytest-monitor.description")!);
        }

        Assert.AreEqual(7, OnFile(folder), "not overwritten");
        Directory.Delete(folder, recursive: true);
    }
}

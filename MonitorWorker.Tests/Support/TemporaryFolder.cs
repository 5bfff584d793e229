namespace MonitorWorker.Tests;

/// <summary>A folder of the test's own under the system's temporary folder, deleted with everything in it at the end.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("pistat-test-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

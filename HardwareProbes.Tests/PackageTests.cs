using System.Diagnostics;
using System.IO.Compression;

namespace HardwareProbes.Tests;

/// <summary>The NuGet package carries its readme and the XML docs.</summary>
[TestClass]
public sealed class PackageTests
{
    [TestMethod]
    public void Pack_ProducesPackageWithReadmeAndXmlDocs()
    {
        string project = Path.Combine(Fixtures.Root, "..", "HardwareProbes", "HardwareProbes.csproj");
        string output = Path.Combine(Path.GetTempPath(), $"pistat-pack-{Guid.NewGuid():N}");
#if DEBUG
        const string Configuration = "Debug";
#else
        const string Configuration = "Release";
#endif
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { "pack", project, "-c", Configuration, "--no-build", "-o", output })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using (Process pack = Process.Start(start)!)
            {
                string log = pack.StandardOutput.ReadToEnd() + pack.StandardError.ReadToEnd();
                pack.WaitForExit();
                Assert.AreEqual(0, pack.ExitCode, log);
            }

            string package = Directory.GetFiles(output, "HardwareProbes.*.nupkg").Single();
            using ZipArchive zip = ZipFile.OpenRead(package);
            string[] entries = [.. zip.Entries.Select(e => e.FullName)];
            CollectionAssert.Contains(entries, "nuget.md");
            CollectionAssert.Contains(entries, "lib/net10.0/HardwareProbes.dll");
            CollectionAssert.Contains(entries, "lib/net10.0/HardwareProbes.xml");

            using var nuspec = new StreamReader(zip.GetEntry("HardwareProbes.nuspec")!.Open());
            StringAssert.Contains(nuspec.ReadToEnd(), "<readme>nuget.md</readme>");
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }
}

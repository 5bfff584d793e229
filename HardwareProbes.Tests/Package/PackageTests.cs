using System.Diagnostics;
using System.IO.Compression;
using System.Reflection.Metadata;
using System.Text;
using System.Text.RegularExpressions;

namespace HardwareProbes.Tests.Package;

/// <summary>
/// The package as a consumer meets it. The repository is cloned with a GitHub remote and packed once, as a release is;
/// then a fresh console app adds the package with <c>dotnet add package</c> and runs nuget.md's example, character for
/// character, on a fixture board and on this machine. It builds for a while: it runs alone, after the parallel tests.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed partial class PackageTests
{
    private const string Remote = "https://github.com/pi-stat/pi-stat.git";
    private static readonly string Work = Path.Combine(Path.GetTempPath(), $"pistat-package-{Guid.NewGuid():N}");
    private static readonly string Version = File.ReadAllLines(Path.Combine(Fixtures.Root, "..", "Directory.Build.props"))
        .Select(l => l.Trim()).First(l => l.StartsWith("<Version>", StringComparison.Ordinal))["<Version>".Length..^"</Version>".Length];

    private static string Clone => Path.Combine(Work, "src");
    private static string Feed => Path.Combine(Work, "packages");
    private static string App => Path.Combine(Work, "app");

    /// <summary>A NuGet cache of this run's own, so a package of the same version from elsewhere is never taken instead.</summary>
    private static string Cache => Path.Combine(Work, "nuget-cache");
    private static string? _commit;
    private static string? _appDll;

    [ClassInitialize]
    public static void PackAndBuildTheExample(TestContext context)
    {
        _ = context;
        Directory.CreateDirectory(Work);
        string repository = Path.GetFullPath(Path.Combine(Fixtures.Root, ".."));
        Run("git", Work, "clone", "--quiet", repository, Clone);
        Run("git", Clone, "remote", "set-url", "origin", Remote);
        _commit = Run("git", Clone, "rev-parse", "HEAD").Trim();

        // nuget.md's commands as a reader runs them: the first in the clone, the others in a fresh console app, the
        // template's Program.cs replaced by nuget.md's example.
        string[] commands = CommandsFromNugetMd();
        Assert.HasCount(4, commands, string.Join("\n", commands));
        Run("dotnet", Work, "new", "console", "--output", App, "--name", "ProbesExample", "--no-restore");
        File.WriteAllText(Path.Combine(App, "Program.cs"), ExampleFromNugetMd());
        for (int i = 0; i < commands.Length; i++)
        {
            Run("bash", i == 0 ? Clone : App, "-c", commands[i].Replace("~/packages", Feed, StringComparison.Ordinal));
        }

        Assert.IsTrue(File.Exists(Path.Combine(Feed, $"HardwareProbes.{Version}.nupkg")), "the pack wrote the package where nuget.md says");
        StringAssert.Contains(File.ReadAllText(Path.Combine(App, "ProbesExample.csproj")), $"<PackageReference Include=\"HardwareProbes\" Version=\"{Version}\" />");
        string build = Run("dotnet", App, "build", "-c", "Release");
        Assert.Contains(" 0 Warning(s)", build, "the example compiles without warnings");
        _appDll = Path.Combine(App, "bin", "Release", "net10.0", "ProbesExample.dll");
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        if (Directory.Exists(Work))
        {
            Directory.Delete(Work, recursive: true);
        }
    }

    [TestMethod]
    public void Package_CarriesReadmeDocsAndTheRepository()
    {
        using ZipArchive zip = ZipFile.OpenRead(Path.Combine(Feed, $"HardwareProbes.{Version}.nupkg"));
        string[] entries = [.. zip.Entries.Select(e => e.FullName)];
        CollectionAssert.Contains(entries, "nuget.md");
        CollectionAssert.Contains(entries, "lib/net10.0/HardwareProbes.dll");
        CollectionAssert.Contains(entries, "lib/net10.0/HardwareProbes.xml");
        CollectionAssert.DoesNotContain(entries, "lib/net10.0/HardwareProbes.pdb", "symbols travel in the .snupkg");

        using var reader = new StreamReader(zip.GetEntry("HardwareProbes.nuspec")!.Open());
        string nuspec = reader.ReadToEnd();
        StringAssert.Contains(nuspec, "<readme>nuget.md</readme>");
        StringAssert.Contains(nuspec, $"<repository type=\"git\" url=\"{Remote}\"");
        StringAssert.Contains(nuspec, $"commit=\"{_commit}\"");
        StringAssert.Contains(nuspec, "<projectUrl>https://github.com/pi-stat/pi-stat</projectUrl>");
    }

    [TestMethod]
    public void SymbolPackage_MapsEverySourceFileToTheRepositoryAtTheBuiltCommit()
    {
        using ZipArchive zip = ZipFile.OpenRead(Path.Combine(Feed, $"HardwareProbes.{Version}.snupkg"));
        using var pdb = new MemoryStream();
        using (Stream entry = zip.GetEntry("lib/net10.0/HardwareProbes.pdb")!.Open())
        {
            entry.CopyTo(pdb);
        }

        pdb.Position = 0;
        using MetadataReaderProvider provider = MetadataReaderProvider.FromPortablePdbStream(pdb);
        MetadataReader metadata = provider.GetMetadataReader();
        var sourceLinkKind = new Guid("CC110556-A091-4D38-9FEC-25AB9A351A6A");
        string? sourceLink = metadata.CustomDebugInformation
            .Select(metadata.GetCustomDebugInformation)
            .Where(c => metadata.GetGuid(c.Kind) == sourceLinkKind)
            .Select(c => Encoding.UTF8.GetString(metadata.GetBlobBytes(c.Value)))
            .SingleOrDefault();

        Assert.IsNotNull(sourceLink, "the PDB carries a SourceLink document");
        // A release build maps the clone to "/_/" so the PDB names no build machine's path.
        StringAssert.Contains(sourceLink, $"\"/_/*\":\"https://raw.githubusercontent.com/pi-stat/pi-stat/{_commit}/*\"");
        string[] documents = [.. metadata.Documents.Select(d => metadata.GetString(metadata.GetDocument(d).Name))];
        Assert.IsTrue(documents.Any(d => d.EndsWith("LinuxSnapshotSource.cs", StringComparison.Ordinal)), "the library's sources are named");
        Assert.IsTrue(documents.Where(d => d.EndsWith(".cs", StringComparison.Ordinal) && !d.Contains("/obj/", StringComparison.Ordinal)).All(d => d.StartsWith("/_/", StringComparison.Ordinal)), "every source file is under the mapped root");
    }

    [TestMethod]
    public void Example_OnAFixtureRaspberryPi_PrintsTheBoardTheSensorAndNoProblem()
    {
        string board = Fixtures.Board("raspberry-pi-4");
        string output = RunExample(board, Path.Combine(board, "vcgencmd"));

        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual("RaspberryPi: Raspberry Pi 4 Model B Rev 1.5", lines[0], output);
        Assert.MatchesRegex(CpuLineOnThePi(), lines[1], output);
        Assert.MatchesRegex(RamLine(), lines[2], output);
        Assert.HasCount(3, lines, "no problem on a complete Pi tree with its vcgencmd: " + output);
    }

    [TestMethod]
    public void Example_OnAFixtureJetsonWithItsTegrastatsOnPath_PrintsTheBoardAndNoProblem()
    {
        string board = Fixtures.Board("jetson-orin-nano");
        string output = RunExample(board, Path.Combine(board, "tegrastats"));

        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual("Jetson: NVIDIA Jetson Orin Nano Engineering Reference Developer Kit Super", lines[0], output);
        Assert.MatchesRegex(RamLine(), lines[2], output);
        // nuget.md's advice, tegrastats on PATH, finds it; its first line may not have come within the one-second window.
        Assert.IsTrue(lines.Skip(3).All(l => l == "problem: tegrastats: starting: no line yet"), output);
    }

    [TestMethod]
    public void Example_OnAFixtureJetsonWithoutTegrastats_NamesTheProblemAsNugetMdSays()
    {
        string output = RunExample(Fixtures.Board("jetson-orin-nano"), null);

        StringAssert.Contains(output, "problem: tegrastats: not found on PATH or in /usr/bin");
        StringAssert.Contains(File.ReadAllText(Path.Combine(Fixtures.Root, "..", "nuget.md")), "`problem: tegrastats: not found on PATH or in\n/usr/bin`");
    }

    [TestMethod]
    public void Example_OnThisMachine_PrintsItsModelItsCoresAndNoProblem()
    {
        string output = RunExample(null, null);

        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Linux: ", lines[0], output);
        Assert.DoesNotEndWith("unknown model", lines[0], "a PC or VM names its DMI product or CPU model");
        Match cpu = CpuLineHere().Match(lines[1]);
        Assert.IsTrue(cpu.Success, output);
        Assert.AreEqual(Environment.ProcessorCount, int.Parse(cpu.Groups["cores"].Value, System.Globalization.CultureInfo.InvariantCulture), output);
        Assert.MatchesRegex(RamLine(), lines[2], output);
        Assert.IsFalse(output.Contains("problem:", StringComparison.Ordinal), "every source this machine should have was read: " + output);
    }

    private static string RunExample(string? root, string? pathPrefix)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = App };
        start.ArgumentList.Add(_appDll!);
        if (root is not null)
        {
            start.ArgumentList.Add(root);
        }

        if (pathPrefix is not null)
        {
            start.Environment["PATH"] = pathPrefix + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        }

        return Finish(start);
    }

    /// <summary>The commands of nuget.md's shell block, each as a reader types it (comments are the shell's to drop).</summary>
    private static string[] CommandsFromNugetMd()
    {
        string readme = File.ReadAllText(Path.Combine(Fixtures.Root, "..", "nuget.md"));
        Match block = ShellBlock().Match(readme);
        Assert.IsTrue(block.Success, "nuget.md has a ```sh block");
        return [.. block.Groups["code"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    /// <summary>The C# block of nuget.md, exactly as a reader copies it.</summary>
    private static string ExampleFromNugetMd()
    {
        string readme = File.ReadAllText(Path.Combine(Fixtures.Root, "..", "nuget.md"));
        Match block = CSharpBlock().Match(readme);
        Assert.IsTrue(block.Success, "nuget.md has a ```csharp block");
        string code = block.Groups["code"].Value;
        Assert.IsLessThanOrEqualTo(16, code.Split('\n').Length, "the example stays short");
        return code;
    }

    private static string Run(string file, string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["NUGET_PACKAGES"] = Cache;
        start.Environment["CI"] = "true"; // packed as a release is: deterministic, the sources mapped to /_/
        return Finish(start);
    }

    /// <summary>Runs to the end, however long a busy machine takes; both streams are read at once so neither fills.</summary>
    private static string Finish(ProcessStartInfo start)
    {
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode, $"{start.FileName} {string.Join(' ', start.ArgumentList)}\n{output}\n{error.Result}");
        return output;
    }

    [GeneratedRegex(@"```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"```sh\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();

    [GeneratedRegex(@"^CPU \? % on 4 cores, 49\.9 °C$")]
    private static partial Regex CpuLineOnThePi();

    [GeneratedRegex(@"^CPU \d+\.\d % on (?<cores>\d+) cores, (\d+\.\d °C|no temperature sensor)$")]
    private static partial Regex CpuLineHere();

    [GeneratedRegex(@"^RAM \d+ of \d+ MiB in use$")]
    private static partial Regex RamLine();
}

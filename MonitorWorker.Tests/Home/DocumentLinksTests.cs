using System.Text.RegularExpressions;

namespace MonitorWorker.Tests.Home;

/// <summary>
/// Every link between the project's documents goes somewhere: a relative link names a file that exists, and a link to a
/// heading (<c>#fleet</c>, <c>README.md#fleet</c>) names a heading of that file, by GitHub's way of making anchors.
/// </summary>
[TestClass]
public sealed partial class DocumentLinksTests
{
    [TestMethod]
    public void EveryRelativeLinkAndAnchor_InTheDocuments_Resolves()
    {
        string[] documents = [.. new[] { "README.md", "nuget.md", Path.Combine("fixtures", "README.md") }.Select(d => Path.Combine(Paths.Root, d))
            .Concat(Directory.EnumerateFiles(Path.Combine(Paths.Root, "docs"), "*.md"))];
        var broken = new List<string>();
        int checkedLinks = 0;
        foreach (string document in documents)
        {
            string text = File.ReadAllText(document);
            foreach (Match link in Link().Matches(text))
            {
                string target = link.Groups[1].Value;
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                checkedLinks++;
                string[] parts = target.Split('#', 2);
                string file = parts[0].Length == 0 ? document : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document)!, parts[0]));
                if (!File.Exists(file) && !Directory.Exists(file))
                {
                    broken.Add($"{Path.GetRelativePath(Paths.Root, document)}: {target} (no such file)");
                }
                else if (parts.Length == 2 && file.EndsWith(".md", StringComparison.Ordinal) && !Anchors(File.ReadAllText(file)).Contains(parts[1]))
                {
                    broken.Add($"{Path.GetRelativePath(Paths.Root, document)}: {target} (no such heading)");
                }
            }
        }

        Assert.IsGreaterThan(20, checkedLinks, "links found");
        Assert.IsEmpty(broken, string.Join("\n", broken));
    }

    /// <summary>GitHub's anchors: a heading's text in lower case, without punctuation but hyphens, spaces made hyphens.</summary>
    private static HashSet<string> Anchors(string markdown)
        => [.. markdown.Split('\n').Where(l => l.StartsWith('#')).Select(l => NotInAnchor().Replace(l.TrimStart('#').Trim().ToLowerInvariant(), string.Empty).Replace(' ', '-'))];

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"[^\p{L}\p{N} _-]")]
    private static partial Regex NotInAnchor();
}

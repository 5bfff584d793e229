using HardwareProbes.IO;

namespace HardwareProbes.Snapshots;

/// <summary>The static facts, read again once per refresh interval; when a refresh fails the facts read before are kept.</summary>
internal sealed class StaticFactsCache(ProbeFiles files, TimeSpan refreshInterval)
{
    private StaticFacts? _facts;
    private DateTimeOffset _readAt;
    private string? _failure;

    /// <summary>The facts as of <paramref name="now"/>; while a refresh has failed its reason is the static-facts source's status.</summary>
    public StaticFacts Get(DateTimeOffset now, Dictionary<string, string> sources)
    {
        if (_facts is null || now - _readAt >= refreshInterval)
        {
            try
            {
                _facts = StaticFacts.Read(files);
                _failure = null;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Keep the facts read before, if any; without them the snapshot still has every per-sample reading.
                _failure = SourceReads.Reason(e);
                _facts ??= StaticFacts.Empty;
            }

            _readAt = now;
        }

        if (_failure is not null)
        {
            sources[SourceNames.StaticFacts] = _failure; // until the next refresh reads them
        }

        foreach ((string key, string value) in _facts.Sources)
        {
            sources[key] = value;
        }

        return _facts;
    }
}

using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MonitorWorker.Events;
using MonitorWorker.Notifications;

namespace MonitorWorker.Tests.Notifications;

[TestClass]
public sealed class NotificationTests
{
    private const string Password = "s3cret-pass";
    private const string Token = "tok3n-in-the-path";

    private static NotifyTarget Target(string url)
    {
        Assert.IsTrue(NotifyTarget.TryParse(url, out NotifyTarget? target, out string? error), error);
        return target!;
    }

    [TestMethod]
    public void ATargetsSecrets_AreSentAsALogin_AndShownAsStars()
    {
        NotifyTarget hook = Target($"https://bot:{Password}@hooks.example.com/services/T000/{Token}?key=abc");
        Assert.AreEqual(NotifyKind.Json, hook.Kind);
        Assert.AreEqual($"https://hooks.example.com/services/T000/{Token}?key=abc", hook.Endpoint.ToString());
        Assert.AreEqual($"bot:{Password}", hook.Login);
        Assert.AreEqual("https://***@hooks.example.com/services/***?***", hook.Display);

        NotifyTarget ntfy = Target($"ntfys://me:{Password}@ntfy.example.org/pi-alerts");
        Assert.AreEqual(NotifyKind.Ntfy, ntfy.Kind);
        Assert.AreEqual("https://ntfy.example.org/pi-alerts", ntfy.Endpoint.ToString());
        Assert.AreEqual("ntfys://***@ntfy.example.org/pi-alerts", ntfy.Display);
        Assert.AreEqual("http://localhost:2586/topic", Target("ntfy://localhost:2586/topic").Endpoint.ToString());

        foreach ((string bad, string why) in new[]
        {
            ($"ftp://u:{Password}@host/x", "whose scheme is not http, https, ntfy or ntfys"),
            ($"ntfy://u:{Password}@host", "an ntfy URL without a topic"),
            ("not a url", "which is not a URL"),
        })
        {
            Assert.IsFalse(NotifyTarget.TryParse(bad, out _, out string? error));
            StringAssert.Contains(error, why);
            Assert.DoesNotContain(Password, error!);
        }

        Assert.IsFalse(NotifyTarget.TryParseList("http://a/x,http://a/x", out _, out string? twice));
        StringAssert.Contains(twice, "twice");
    }

    [TestMethod]
    public void AConditionGivesOneMessageWhenItStartsAndOneWhenItEnds_AndInfoAloneGivesNone()
    {
        NotifyTarget target = Target("http://127.0.0.1:9/hook");
        var composer = new NotificationComposer("warning", [target]);
        const long T = 1_800_000_000;

        Assert.IsEmpty(composer.Compose(new AgentEvent(T, EventKinds.ConditionEnd, "info", "throttled", "Throttling ended"), "pi", null, T), "an end whose start was not sent");
        Assert.IsEmpty(composer.Compose(new AgentEvent(T, EventKinds.AgentStart, "info", "agent", "pi-stat started"), "pi", null, T));
        Notification start = composer.Compose(new AgentEvent(T, EventKinds.ConditionStart, "critical", "under_voltage", "Under-voltage began"), "pi", null, T).Single();
        Notification end = composer.Compose(new AgentEvent(T + 250, EventKinds.ConditionEnd, "info", "under_voltage", "Under-voltage ended"), "pi", null, T + 250).Single();

        Assert.AreEqual("pi: Under-voltage began", start.Title);
        Assert.AreEqual("critical", start.Severity);
        Assert.AreEqual("Under-voltage ended: recovered after 4 min", end.Message);
        Assert.AreEqual(target.Key, end.Target);
        Assert.IsEmpty(composer.Compose(new AgentEvent(T + 300, EventKinds.ConditionEnd, "info", "under_voltage", "Under-voltage ended"), "pi", null, T + 300), "ended once");
    }

    [TestMethod]
    public void TwentyMessagesAnHour_TheRestSaidInTheNextOne()
    {
        var composer = new NotificationComposer("warning", [Target("http://127.0.0.1:9/hook")]);
        const long T = 1_800_000_000;
        int sent = 0;
        for (int i = 0; i < 25; i++)
        {
            sent += composer.Compose(new AgentEvent(T + i, EventKinds.CpuSpike, "warning", "cpu", $"spike {i}"), "pi", null, T + i).Count;
        }

        Assert.AreEqual(NotificationComposer.PerHour, sent);
        Assert.IsEmpty(composer.Tick("pi", T + 1800), "the hour is still full");

        Notification summary = composer.Tick("pi", T + 3600).Single();
        Assert.AreEqual("pi: 5 more events", summary.Title);
        StringAssert.StartsWith(summary.Message, "Also 5 more since");
        StringAssert.Contains(summary.Message, "spike 20; spike 21; spike 22; spike 23; spike 24");

        for (int i = 0; i < 3; i++)
        {
            _ = composer.Compose(new AgentEvent(T + 3700 + i, EventKinds.CpuSpike, "warning", "cpu", $"later {i}"), "pi", null, T + 3700 + i);
        }

        Assert.IsEmpty(composer.Tick("pi", T + 3800), "nothing held: the new hour had room");
    }

    [TestMethod]
    public async Task DeliveredInOrder_AcrossAReceiverDownForTwoMinutes_AndARestart_WithNoSecretInAnyLogOrAnswer()
    {
        await using NotificationReceiver receiver = await NotificationReceiver.StartAsync();
        string hook = $"http://hook:{Password}@127.0.0.1:{receiver.Address.Port}/hook/{Token}";
        string ntfy = $"ntfy://me:{Password}@127.0.0.1:{receiver.Address.Port}/alerts";
        Assert.IsTrue(NotifyTarget.TryParseList($"{hook},{ntfy}", out IReadOnlyList<NotifyTarget> targets, out _));
        string folder = Directory.CreateTempSubdirectory("pistat-notify-").FullName;
        var logs = new LogLines();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        long t0 = time.GetUtcNow().ToUnixTimeSeconds();
        Task<InProcessHost> Start() => InProcessHost.StartAsync(new HookedSource(), o => (o.Notify.Targets, o.Data.DataPath) = (targets, folder), time: time, services: s => s.AddSingleton<ILoggerProvider>(logs));
        IReadOnlyList<NotificationReceiver.Received> Ours() => [.. receiver.Messages.Where(m => !m.Body.Contains("source_failed", StringComparison.Ordinal) && !m.Body.Contains(" failed: ", StringComparison.Ordinal))];
        var answers = new List<string>();
        try
        {
            await using (InProcessHost before = await Start())
            {
                await before.WaitForFirstSnapshotAsync();
                var log = before.Service<EventLog>();
                log.Add(new AgentEvent(t0, EventKinds.ConditionStart, "critical", "under_voltage", "Under-voltage began"));
                log.Add(new AgentEvent(t0 + 240, EventKinds.ConditionEnd, "info", "under_voltage", "Under-voltage ended"));
                await Eventually.UntilAsync(() => Ours().Count == 4, "both messages at both targets");

                receiver.Down = true;
                log.Add(new AgentEvent(t0 + 300, EventKinds.ConditionStart, "critical", "throttled", "Throttling began"));
                log.Add(new AgentEvent(t0 + 301, EventKinds.CpuSpike, "warning", "cpu", "A test spike"));
                await Eventually.UntilAsync(() => receiver.Refused >= 2, "a first attempt at each target");
                time.Advance(TimeSpan.FromMinutes(2)); // two minutes down: the retries back off on the service's clock
                await Eventually.UntilAsync(
                    () =>
                    {
                        time.Advance(TimeSpan.FromSeconds(5));
                        return receiver.Refused >= 4;
                    },
                    "retries while the receiver is down");

                JsonElement health = Json.Parse(await before.Http.GetStringAsync(new Uri("health", UriKind.Relative)));
                Assert.AreEqual("degraded", health.GetProperty("checks").GetProperty("notifications").GetProperty("status").GetString());
                StringAssert.StartsWith(health.GetProperty("checks").GetProperty("notifications").GetProperty("description").GetString(), "4 notifications waiting");
                foreach (string path in new[] { "health", "stats", "api/events" })
                {
                    answers.Add(await before.Http.GetStringAsync(new Uri(path, UriKind.Relative)));
                }
            }

            receiver.Down = false;
            await using InProcessHost after = await Start();
            await Eventually.UntilAsync(() => Ours().Count == 8, "the four waiting messages after the restart");

            IReadOnlyList<NotificationReceiver.Received> all = Ours();
            string[] toHook = [.. all.Where(m => m.Path.StartsWith("/hook/", StringComparison.Ordinal)).Select(m => Json.Parse(m.Body).Text("message")!)];
            CollectionAssert.AreEqual(new[] { "Under-voltage began", "Under-voltage ended: recovered after 4 min", "Throttling began", "A test spike" }, toHook, "in order");
            string[] toNtfy = [.. all.Where(m => m.Path == "/alerts").Select(m => m.Body)];
            CollectionAssert.AreEqual(toHook, toNtfy);

            JsonElement first = Json.Parse(all.First(m => m.Path == $"/hook/{Token}").Body);
            Assert.AreEqual("critical", first.Text("severity"));
            Assert.AreEqual("condition_start", first.Text("kind"));
            Assert.AreEqual("under_voltage", first.Text("subject"));
            Assert.IsNotNull(first.Number("readings.memory_percent"), "the readings at that moment");
            Assert.IsTrue(first.GetProperty("readings").TryGetProperty("cpu_temperature_celsius", out _));
            Assert.AreEqual($"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"hook:{Password}"))}", all.First(m => m.Path == $"/hook/{Token}").Headers["Authorization"]);
            NotificationReceiver.Received[] pushed = [.. all.Where(m => m.Path == "/alerts")];
            Assert.AreEqual($"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"me:{Password}"))}", pushed[0].Headers["Authorization"]);
            StringAssert.EndsWith(pushed[0].Headers["Title"], ": Under-voltage began");
            Assert.AreEqual("urgent", pushed[0].Headers["Priority"]);
            Assert.AreEqual("rotating_light", pushed[0].Headers["Tags"]);
            Assert.AreEqual("white_check_mark", pushed[1].Headers["Tags"]);
            Assert.AreEqual("high", pushed[3].Headers["Priority"]);

            JsonElement healthAfter = Json.Parse(await after.Http.GetStringAsync(new Uri("health", UriKind.Relative)));
            await Eventually.UntilAsync(() => after.Service<NotificationOutbox>().Waiting == 0, "the outbox empty");
            answers.Add(healthAfter.ToString());
            string[] leaks = [.. logs.Lines.Concat(answers).Where(l => l.Contains(Password, StringComparison.Ordinal) || l.Contains(Token, StringComparison.Ordinal))];
            Assert.IsEmpty(leaks, string.Join("\n", leaks));
            Assert.IsTrue(logs.Lines.Any(l => l.Contains("http://***@127.0.0.1", StringComparison.Ordinal)), "the failures were logged, the target shown redacted");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task NotifyTest_PrintsEachTargetsResult_AndExitsZeroOnlyWhenAllTookIt()
    {
        await using NotificationReceiver receiver = await NotificationReceiver.StartAsync();
        string good = $"ntfy://me:{Password}@127.0.0.1:{receiver.Address.Port}/alerts";
        string closed = $"http://me:{Password}@127.0.0.1:{WorkerProcess.FreePort()}/hook/{Token}";

        (int both, string bothOut, string bothErr) = Cli.Run(new Dictionary<string, string> { ["PISTAT_NOTIFY_URLS"] = $"{good},{closed}" }, null, "notify-test");
        (int one, string oneOut, _) = Cli.Run(new Dictionary<string, string> { ["PISTAT_NOTIFY_URLS"] = good }, null, "notify-test");
        (int none, string noneOut, _) = Cli.Run(new Dictionary<string, string>(), null, "notify-test");
        (int config, string configOut, _) = Cli.Run(new Dictionary<string, string> { ["PISTAT_NOTIFY_URLS"] = $"{good},{closed}" }, null, "config");

        Assert.AreEqual(1, both, bothOut + bothErr);
        string[] lines = bothOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(2, lines);
        Assert.AreEqual($"ntfy://***@127.0.0.1:{receiver.Address.Port}/alerts: delivered (HTTP 200)", lines[0]);
        StringAssert.StartsWith(lines[1], $"http://***@127.0.0.1:");
        StringAssert.Contains(lines[1], "/hook/***: failed (");
        Assert.AreEqual(0, one, oneOut);
        Assert.AreEqual(2, none);
        StringAssert.Contains(noneOut, "PISTAT_NOTIFY_URLS is not set");
        Assert.AreEqual(0, config);
        StringAssert.Contains(configOut, $"ntfy://***@127.0.0.1:{receiver.Address.Port}/alerts,http://***@127.0.0.1:");
        foreach (string output in new[] { bothOut, bothErr, oneOut, configOut })
        {
            Assert.DoesNotContain(Password, output);
            Assert.DoesNotContain(Token, output);
        }

        Assert.AreEqual(2, receiver.Messages.Count(m => m.Body.StartsWith("A test message from pi-stat on ", StringComparison.Ordinal)));
    }

    /// <summary>Every line every logger of the host wrote, with its exception.</summary>
    private sealed class LogLines : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(LogLines owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => owner._lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace OmcpSandbox.Sandboxing.Tests;

/// <summary>
/// Runs each probe of Cases/container-probes.jsonl in its own container, with no code validator, so each one tests
/// the container layer alone. Every probe id has its own assertions below.
/// </summary>
[Collection(ContainerProbeCollection.Name)]
public sealed partial class ContainerProbeTests(SandboxRuntimeFixture fixture, ITestOutputHelper output)
{
    // The port the probe file writes for the listener; each run replaces it with the port the test listens on.
    private const string ProbePort = "47631";

    private const int ErrorNotPermitted = 1;
    private const int ErrorTryAgain = 11;
    private const int ErrorAccessDenied = 13;
    private const int ErrorCrossDevice = 18;
    private const int ErrorNoSpace = 28;
    private const int ErrorReadOnlyFileSystem = 30;
    private const int ErrorNotImplemented = 38;

    private static readonly HashSet<string> _imageVariables =
    [
        "HOME", "HOSTNAME", "LANG", "MPLBACKEND", "MPLCONFIGDIR", "PATH", "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED",
    ];

    private static readonly Dictionary<string, TimeSpan> _timeouts = new() { ["ct-proc-004"] = TimeSpan.FromSeconds(2) };

    private static readonly Dictionary<string, Action<ProbeRun>> _assertions = new()
    {
        ["ct-net-001"] = AssertNoNetwork,
        ["ct-net-004"] = AssertNoRawSockets,
        ["ct-fs-001"] = AssertOnlyTmpfsWritable,
        ["ct-fs-004"] = AssertInodeLimit,
        ["ct-fs-007"] = AssertPrivateProcesses,
        ["ct-fs-010"] = AssertNoCrossDeviceHardlink,
        ["ct-proc-001"] = AssertPidsLimit,
        ["ct-proc-004"] = AssertLoopTimedOut,
        ["ct-proc-007"] = AssertMemoryLimit,
        ["ct-proc-010"] = AssertNoPrivileges,
        ["ct-proc-013"] = AssertSyscallsFiltered,
        ["ct-proc-016"] = AssertNoHostDetails,
        ["ct-io-003"] = AssertBinaryOutputReplaced,
        ["ct-io-006"] = AssertFilesWithinTmpfs,
    };

    [Fact]
    public void Probes_EachHasAssertions()
    {
        var ids = ContainerProbe.All.Select(probe => probe.Id).ToList();

        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.True(_assertions.ContainsKey(id), $"Probe {id} has no assertions in ContainerProbeTests."));
        Assert.All(_assertions.Keys, id => Assert.Contains(id, ids));
    }

    [DockerTheory]
    [MemberData(nameof(ContainerProbe.Ids), MemberType = typeof(ContainerProbe))]
    public async Task Probe_MeetsExpectation(string id)
    {
        var probe = ContainerProbe.Find(id);
        Assert.True(_assertions.TryGetValue(id, out var assertions), $"Probe {id} has no assertions in ContainerProbeTests.");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var sandbox = await fixture.CreateSandboxAsync();
        var containerId = sandbox.ContainerId;

        var code = probe.Code.Replace(ProbePort, port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var result = await sandbox.RunAsync(code, _timeouts.GetValueOrDefault(id, TimeSpan.FromSeconds(30)));
        var listenerReceived = listener.Pending();
        var oldContainerExists = await fixture.ContainerExistsAsync(containerId);
        var after = await sandbox.RunAsync("import os\nprint(sorted(int(p) for p in os.listdir('/proc') if p.isdigit()))");

        output.WriteLine($"expect: {probe.Expect}");
        output.WriteLine($"exit {result.ExitCode}, error {result.Error}, timed out {result.TimedOut}");
        output.WriteLine($"stdout:\n{result.Stdout}");
        output.WriteLine($"stderr:\n{result.Stderr}");
        assertions(new ProbeRun(result, listenerReceived, oldContainerExists, containerId, after));
    }

    private static void AssertNoNetwork(ProbeRun run)
    {
        Assert.Contains("interfaces [(1, 'lo')]", run.Lines);
        Assert.DoesNotContain("CONNECTED", run.Result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("RESOLVED", run.Result.Stdout, StringComparison.Ordinal);
        Assert.Single(run.LinesStartingWith("refused"));
        Assert.Single(run.LinesStartingWith("no dns"));
        Assert.False(run.ListenerReceived, "The host listener received a connection from the sandbox.");
    }

    private static void AssertNoRawSockets(ProbeRun run)
    {
        foreach (var kind in new[] { "raw_icmp", "raw_tcp", "packet" })
        {
            Assert.Contains($"{kind} PermissionError {ErrorNotPermitted}", run.Lines);
        }
    }

    private static void AssertOnlyTmpfsWritable(ProbeRun run)
    {
        var writable = run.LinesStartingWith("WRITABLE").Select(line => line["WRITABLE ".Length..]).ToHashSet();
        Assert.Equal(["/dev/shm", "/tmp", "/workspace"], writable.Order(StringComparer.Ordinal));

        var denied = run.LinesStartingWith("denied").Select(line => line.Split(' ')).ToList();
        Assert.Equal(9, denied.Count);
        foreach (var fields in denied)
        {
            var errno = int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture);
            // The image has no /app, so creating a file there fails with ENOENT before any permission check.
            var expected = fields[1] == "/app" ? new[] { 2 } : [ErrorReadOnlyFileSystem, ErrorAccessDenied];
            Assert.True(expected.Contains(errno), $"{fields[1]} failed with errno {errno}, expected one of {string.Join(", ", expected)}.");
        }
    }

    private static void AssertInodeLimit(ProbeRun run)
    {
        Assert.DoesNotContain("NO INODE LIMIT", run.Result.Stdout, StringComparison.Ordinal);
        var match = Assert.Single(run.Lines.Select(line => StoppedAfterFiles().Match(line)), match => match.Success);
        Assert.Equal(ErrorNoSpace, int.Parse(match.Groups["errno"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(int.Parse(match.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture), 1, 16384);
    }

    private static void AssertPrivateProcesses(ProbeRun run)
    {
        Assert.Equal("visible pids [1]", run.Lines[0]);
        var environ = Assert.Single(run.LinesStartingWith("1 environ"));
        var names = EnvironmentName().Matches(environ).Select(match => match.Groups["name"].Value).ToHashSet();
        Assert.Subset(_imageVariables, names);
        Assert.Contains("1 cmdline b'python3 -I -B /opt/omcp/runner/runner.py '", run.Lines);
    }

    private static void AssertNoCrossDeviceHardlink(ProbeRun run)
    {
        Assert.Contains($"hardlink failed {ErrorCrossDevice}", run.Lines);
        Assert.DoesNotContain("hardlink created", run.Lines);
    }

    private static void AssertPidsLimit(ProbeRun run)
    {
        Assert.DoesNotContain("NO PIDS LIMIT", run.Result.Stdout, StringComparison.Ordinal);
        var match = Assert.Single(run.Lines.Select(line => ForkRefused().Match(line)), match => match.Success);
        Assert.Equal(ErrorTryAgain, int.Parse(match.Groups["errno"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(int.Parse(match.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture), 1, 49);
        Assert.False(run.Result.StateReset);
        // The runner kills every process the execution left, so the next execution lists only pid 1.
        Assert.Equal("[1]\n", run.After.Stdout);
    }

    private static void AssertLoopTimedOut(ProbeRun run)
    {
        Assert.True(run.Result.TimedOut);
        Assert.Equal(ExecutionResult.ExitTimedOut, run.Result.ExitCode);
        Assert.True(run.Result.StateReset);
        Assert.False(run.OldContainerExists, $"Container {run.ContainerId} was left after the timeout.");
        Assert.True(run.After.Succeeded);
    }

    private static void AssertMemoryLimit(ProbeRun run)
    {
        Assert.DoesNotContain("NO MEMORY LIMIT", run.Result.Stdout, StringComparison.Ordinal);
        var memoryError = run.LinesStartingWith("MemoryError").Any();
        Assert.True(memoryError || run.Result.ExitCode == ExecutionResult.ExitKilled, $"Exit {run.Result.ExitCode} without MemoryError.");
        if (!memoryError)
        {
            Assert.Contains("memory limit of 512 MiB", run.Result.Error?.Message, StringComparison.Ordinal);
            Assert.True(run.Result.StateReset);
            Assert.True(run.After.Succeeded);
        }
    }

    private static void AssertNoPrivileges(ProbeRun run)
    {
        var status = run.Lines.Select(line => line.Split(':', 2)).Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1].Trim());
        Assert.Equal("1000\t1000\t1000\t1000", status["Uid"]);
        Assert.Equal("1000\t1000\t1000\t1000", status["Gid"]);
        Assert.Equal("1000", status["Groups"]);
        foreach (var capability in new[] { "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb" })
        {
            Assert.Equal("0000000000000000", status[capability]);
        }

        Assert.Equal("1", status["NoNewPrivs"]);
        Assert.Equal("2", status["Seccomp"]);
        foreach (var call in new[] { "setuid0", "setgid0", "setgroups", "chown", "chroot" })
        {
            Assert.Contains($"{call} errno {ErrorNotPermitted}", run.Lines);
        }

        Assert.DoesNotContain("SUCCEEDED", run.Result.Stdout, StringComparison.Ordinal);
        Assert.Single(run.LinesStartingWith("sudo unavailable"));
        // su may exist as a setuid binary, but no-new-privileges keeps it from gaining root, so it fails.
        var su = run.LinesStartingWith("su").Single();
        Assert.DoesNotMatch(@"^su 0 ", su);
        Assert.DoesNotContain("uid=0", su, StringComparison.Ordinal);
    }

    private static void AssertSyscallsFiltered(ProbeRun run)
    {
        foreach (var call in new[] { "keyctl", "add_key", "bpf", "perf_event_open", "userfaultfd", "init_module", "reboot_bad_magic" })
        {
            var fields = Assert.Single(run.LinesStartingWith(call)).Split(' ');
            Assert.Equal("-1", fields[1]);
            Assert.Contains(int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture), new[] { ErrorNotPermitted, ErrorNotImplemented });
        }

        Assert.Contains($"clock_settime errno {ErrorNotPermitted}", run.Lines);
    }

    private static void AssertNoHostDetails(ProbeRun run)
    {
        var sections = run.Result.Stdout.Split("== ", StringSplitOptions.RemoveEmptyEntries)
            .Select(section => section.Split('\n', 2))
            .ToDictionary(parts => parts[0], parts => parts.Length > 1 ? parts[1] : "");
        var symbols = sections["/proc/kallsyms"].Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.Contains(' ', StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(symbols);
        Assert.All(symbols, line => Assert.StartsWith("0000000000000000 ", line, StringComparison.Ordinal));
        Assert.DoesNotMatch(HostPath(), sections["/proc/self/mountinfo"]);
        Assert.DoesNotMatch(HostPath(), sections["/proc/self/cgroup"]);
        Assert.Equal(run.ContainerId[..12], sections["/etc/hostname"].Trim());
    }

    private static void AssertBinaryOutputReplaced(ProbeRun run)
    {
        Assert.Null(run.Result.Error);
        Assert.Equal(ExecutionResult.ExitSuccess, run.Result.ExitCode);
        Assert.StartsWith("ok \uFFFD\uFFFD\uFFFD(", run.Result.Stdout, StringComparison.Ordinal);
        Assert.Contains("nul:\0 ansi:\u001b[31mred", run.Result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("\uFFFD\n", run.Result.Stdout, StringComparison.Ordinal);
        Assert.Contains('\uFFFD', run.Result.Stderr);
    }

    private static void AssertFilesWithinTmpfs(ProbeRun run)
    {
        var made = int.Parse(Assert.Single(run.LinesStartingWith("files")).Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(made * 4096L, 0, 100L * 1024 * 1024);
        if (made < 20000)
        {
            Assert.Contains($"stopped at {made} {ErrorNoSpace}", run.Lines);
        }
    }

    [GeneratedRegex(@"^stopped after (?<count>\d+) files errno (?<errno>\d+)$")]
    private static partial Regex StoppedAfterFiles();

    [GeneratedRegex(@"^fork refused after (?<count>\d+) children errno (?<errno>\d+)$")]
    private static partial Regex ForkRefused();

    [GeneratedRegex(@"(?:b'| )(?<name>[A-Za-z_][A-Za-z0-9_]*)=")]
    private static partial Regex EnvironmentName();

    // A path that starts at the host's /work or /root, as a bind mount of the checkout or of root's home would show.
    [GeneratedRegex(@"(?:^|[\s=:,])/(?:work|root)(?:/|\s|$)", RegexOptions.Multiline)]
    private static partial Regex HostPath();
}

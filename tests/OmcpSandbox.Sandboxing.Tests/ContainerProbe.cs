using System.Text.Json;

namespace OmcpSandbox.Sandboxing.Tests;

/// <summary>One probe of the container layer: Python code and the sentence that states what it must show.</summary>
public sealed record ContainerProbe(string Id, string Code, string Expect)
{
    private static readonly Lazy<IReadOnlyList<ContainerProbe>> _all = new(Load);

    public static IReadOnlyList<ContainerProbe> All => _all.Value;

    public static IEnumerable<object[]> Ids => All.Select(probe => new object[] { probe.Id });

    public static ContainerProbe Find(string id) => All.Single(probe => probe.Id == id);

    private static List<ContainerProbe> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Cases", "container-probes.jsonl");
        return
        [
            .. File.ReadLines(path)
                .Where(line => line.Trim().Length > 0)
                .Select(line => JsonDocument.Parse(line).RootElement)
                .Select(probe => new ContainerProbe(
                    probe.GetProperty("id").GetString()!,
                    probe.GetProperty("code").GetString()!,
                    probe.GetProperty("expect").GetString()!)),
        ];
    }
}

/// <summary>What a probe run produced, for the assertions of one probe.</summary>
/// <param name="Result">The execution result.</param>
/// <param name="ListenerReceived">Whether the test's listener on the host's loopback accepted a connection.</param>
/// <param name="OldContainerExists">Whether the container the probe ran in still exists after the run.</param>
/// <param name="ContainerId">The id of the container the probe ran in.</param>
/// <param name="After">The result of listing processes in the same session after the probe.</param>
public sealed record ProbeRun(
    ExecutionResult Result, bool ListenerReceived, bool OldContainerExists, string ContainerId, ExecutionResult After)
{
    public string[] Lines => Result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Returns the lines that start with <paramref name="prefix"/> and a space.</summary>
    public IEnumerable<string> LinesStartingWith(string prefix) =>
        Lines.Where(line => line.StartsWith(prefix + " ", StringComparison.Ordinal));
}

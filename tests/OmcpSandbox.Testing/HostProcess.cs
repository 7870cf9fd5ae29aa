using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace OmcpSandbox.Testing;

/// <summary>A host program started as a child process, with the tail of its output kept for failure messages.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private const int KeptLines = 300;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private HostProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public static HostProcess Start(string name, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var host = new HostProcess(name, process);
        process.OutputDataReceived += (_, line) => host.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => host.Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    public string RecentOutput() => $"--- last output of {Name} ---\n" + string.Join('\n', _output);

    /// <summary>Sends a signal such as TERM or INT to the process, or to the process group it leads.</summary>
    public void Signal(string signal, bool processGroup = false)
    {
        var target = processGroup ? $"-{LedProcessGroup()}" : _process.Id.ToString(CultureInfo.InvariantCulture);
        using var kill = Process.Start("kill", ["-" + signal, "--", target]);
        kill?.WaitForExit();
    }

    // setsid runs its command in a new process group itself, or forks first when it already leads one.
    // Either way, the group to signal is the one that is not the test host's.
    private int LedProcessGroup()
    {
        var group = ProcessGroupOf(_process.Id);
        if (group == _process.Id)
        {
            return group;
        }

        var children = File.ReadAllText($"/proc/{_process.Id}/task/{_process.Id}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return children.Length > 0
            ? ProcessGroupOf(int.Parse(children[0], CultureInfo.InvariantCulture))
            : throw new InvalidOperationException($"{Name} leads no process group of its own.");
    }

    private static int ProcessGroupOf(int processId)
    {
        // The fields after the command name, which is in parentheses, are: state, parent id, process group.
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[2], CultureInfo.InvariantCulture);
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Signal("TERM");
            if (!await WaitForExitAsync(TimeSpan.FromSeconds(30)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > KeptLines)
        {
            _output.TryDequeue(out _);
        }
    }
}

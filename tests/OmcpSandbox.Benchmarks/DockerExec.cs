using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace OmcpSandbox.Benchmarks;

/// <summary>
/// The execution method of the original Python service: one <c>docker exec CONTAINER python3 -c CODE</c> per call
/// through the Docker API, so every call starts a fresh interpreter and keeps no state.
/// </summary>
internal static class DockerExec
{
    /// <summary>Code that prints 1 without relying on state, since no variable survives between execs.</summary>
    public const string Code = "x = 0; x += 1; print(x)";

    public const string ExpectedOutput = "1\n";

    /// <summary>Gets the engine endpoint from <c>DOCKER_HOST</c>, or the local socket when it is not set.</summary>
    public static string Endpoint =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : "unix:///var/run/docker.sock";

    /// <summary>Runs <see cref="Code"/> once and throws unless it printed <see cref="ExpectedOutput"/>.</summary>
    public static async Task RunCheckedAsync(IDockerClient docker, string containerId, CancellationToken cancellationToken)
    {
        var created = await docker.Exec.ExecCreateContainerAsync(
            containerId,
            new ContainerExecCreateParameters { Cmd = ["python3", "-c", Code], AttachStdout = true, AttachStderr = true },
            cancellationToken);
        using var stream = await docker.Exec.StartAndAttachContainerExecAsync(created.ID, tty: false, cancellationToken);
        var (stdout, stderr) = await stream.ReadOutputToEndAsync(cancellationToken);
        if (stdout != ExpectedOutput)
        {
            throw new InvalidOperationException(
                $"docker exec in container {containerId[..12]} printed '{stdout}' and '{stderr}' where '1' was expected.");
        }
    }

    /// <summary>Runs <paramref name="calls"/> execs one after another after <paramref name="warmUpCalls"/> and returns their times in ms.</summary>
    public static async Task<List<double>> MeasureLatencyAsync(
        IDockerClient docker, string containerId, int warmUpCalls, int calls, CancellationToken cancellationToken)
    {
        for (var i = 0; i < warmUpCalls; i++)
        {
            await RunCheckedAsync(docker, containerId, cancellationToken);
        }

        var samples = new List<double>(calls);
        for (var i = 0; i < calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await RunCheckedAsync(docker, containerId, cancellationToken);
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return samples;
    }
}

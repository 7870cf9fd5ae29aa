namespace OmcpSandbox.Benchmarks;

/// <summary>
/// One benchmark that <c>./omcp bench</c> runs. Add an implementation in its own file and list it in
/// <see cref="Program"/>'s registry.
/// </summary>
public interface IBenchmark
{
    /// <summary>Gets the name that <c>--only</c> selects and that prefixes the printed figures.</summary>
    string Name { get; }

    /// <summary>Runs the benchmark and returns the figures it measured.</summary>
    Task<IReadOnlyList<BenchmarkFigure>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken);
}

/// <summary>One measured value.</summary>
/// <param name="Benchmark">The name of the benchmark that measured it.</param>
/// <param name="Metric">What was measured, such as <c>round-trip p50</c>.</param>
/// <param name="Value">The measured value in <paramref name="Unit"/>.</param>
/// <param name="Unit">The unit, such as <c>ms</c>, <c>x</c> or <c>ops/s</c>.</param>
/// <param name="Target">The value the figure must reach, or null when it has no target.</param>
/// <param name="Comparison">
/// How <paramref name="Value"/> must compare with <paramref name="Target"/>: <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c> or
/// <c>&gt;=</c>; null when there is no target.
/// </param>
public sealed record BenchmarkFigure(
    string Benchmark, string Metric, double Value, string Unit, double? Target = null, string? Comparison = null)
{
    /// <summary>Gets whether the figure meets its target, or null when it has none.</summary>
    public bool? MeetsTarget => Target is not { } target
        ? null
        : Comparison switch
        {
            "<" => Value < target,
            "<=" => Value <= target,
            ">" => Value > target,
            ">=" => Value >= target,
            _ => throw new InvalidOperationException(
                $"Figure '{Benchmark}/{Metric}' has comparison '{Comparison}'; use <, <=, > or >=."),
        };
}

/// <summary>What every benchmark may use: the sandbox image and a log for progress lines.</summary>
/// <param name="DockerImage">The sandbox image tag from <c>DOCKER_IMAGE</c>, or null when it is not set.</param>
/// <param name="Log">Writes one progress line to stderr, so stdout keeps only the table.</param>
public sealed record BenchmarkContext(string? DockerImage, Action<string> Log);

namespace OmcpSandbox.Benchmarks;

/// <summary>Measures the execution round trip of a warm sandbox against one <c>docker exec</c> per call.</summary>
public sealed class RuntimeBenchmark : IBenchmark
{
    public string Name => "runtime";

    public Task<IReadOnlyList<BenchmarkFigure>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}

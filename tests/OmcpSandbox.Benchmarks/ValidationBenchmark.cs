using System.Diagnostics;
using OmcpSandbox.Validation;
using OmcpSandbox.Validation.Tests;

namespace OmcpSandbox.Benchmarks;

/// <summary>Measures validating a realistic 2,000-line analysis script on the silo, after warm-up, and what one validation allocates.</summary>
public sealed class ValidationBenchmark : IBenchmark
{
    private const int Lines = 2000;
    private const int WarmUpCalls = 2000;
    private const int MeasuredCalls = 2000;

    public string Name => "validation";

    public Task<IReadOnlyList<BenchmarkFigure>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var validator = new PythonCodeValidator(new PythonValidationOptions());
        var script = RealisticScript.Build(Lines);
        if (validator.Validate(script) is { } failure)
        {
            throw new InvalidOperationException($"The benchmark script failed validation: {failure.Message}");
        }

        for (var call = 0; call < WarmUpCalls; call++)
        {
            validator.Validate(script);
        }

        var samples = new List<double>(MeasuredCalls);
        long allocated = 0;
        for (var call = 0; call < MeasuredCalls; call++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            validator.Validate(script);
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        context.Log($"validation: {MeasuredCalls} calls on a {Lines}-line script");
        IReadOnlyList<BenchmarkFigure> figures =
        [
            new(Name, "2,000-line script p50", Samples.Percentile(samples, 50), "ms", 1.0, "<"),
            new(Name, "2,000-line script p99", Samples.Percentile(samples, 99), "ms"),
            new(Name, "allocated per validation", allocated / (double)MeasuredCalls / 1024, "KiB"),
        ];
        return Task.FromResult(figures);
    }
}

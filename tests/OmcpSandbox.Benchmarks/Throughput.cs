using System.Diagnostics;

namespace OmcpSandbox.Benchmarks;

/// <summary>Measures how many calls a number of concurrent workers complete in a fixed window.</summary>
internal static class Throughput
{
    /// <summary>
    /// Runs one loop per worker that calls <paramref name="call"/> with the worker index until the window ends, and
    /// returns the calls that completed within the window per second. Calls still running when the window ends are
    /// awaited but not counted, and so are calls for which <paramref name="call"/> returns false.
    /// </summary>
    public static async Task<double> MeasureAsync(
        int workers, TimeSpan window, Func<int, CancellationToken, Task<bool>> call, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var windowTicks = (long)(window.TotalSeconds * Stopwatch.Frequency);
        var completed = 0L;
        var loops = Enumerable.Range(0, workers).Select(worker => Task.Run(
            async () =>
            {
                while (Stopwatch.GetTimestamp() - started < windowTicks)
                {
                    var counted = await call(worker, cancellationToken);
                    if (counted && Stopwatch.GetTimestamp() - started <= windowTicks)
                    {
                        Interlocked.Increment(ref completed);
                    }
                }
            },
            cancellationToken));
        await Task.WhenAll(loops);
        return completed / window.TotalSeconds;
    }
}

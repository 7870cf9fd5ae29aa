namespace OmcpSandbox.Benchmarks;

/// <summary>Statistics of latency samples in milliseconds.</summary>
internal static class Samples
{
    /// <summary>Returns the nearest-rank percentile of the samples.</summary>
    public static double Percentile(IReadOnlyCollection<double> samples, int percentile)
    {
        if (samples.Count == 0)
        {
            throw new ArgumentException("No samples were taken, so no percentile exists.", nameof(samples));
        }

        var sorted = samples.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}

using Orleans;

namespace OmcpSandbox.Contracts.Placement;

/// <summary>
/// Raised when a new sandbox session cannot be placed because every compatible silo is at its sandbox capacity.
/// The caller can retry after an idle sandbox is removed or a silo is added.
/// </summary>
[GenerateSerializer]
[Alias("OmcpSandbox.Contracts.Placement.SandboxCapacityExceededException")]
public sealed class SandboxCapacityExceededException : Exception
{
    /// <summary>Creates the exception for <paramref name="siloCount"/> full silos with the given capacities.</summary>
    /// <param name="siloCount">Number of compatible silos, all of them full.</param>
    /// <param name="capacities">Sandbox capacity of each of those silos.</param>
    public SandboxCapacityExceededException(int siloCount, IReadOnlyCollection<int> capacities)
        : base(FormatMessage(siloCount, capacities))
    {
        SiloCount = siloCount;
        MinCapacity = capacities.Count == 0 ? 0 : capacities.Min();
        MaxCapacity = capacities.Count == 0 ? 0 : capacities.Max();
    }

    /// <summary>Creates the exception with a message of the caller's choice.</summary>
    public SandboxCapacityExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Gets the number of compatible silos, all of which were full.</summary>
    [Id(0)]
    public int SiloCount { get; init; }

    /// <summary>Gets the smallest sandbox capacity among those silos.</summary>
    [Id(1)]
    public int MinCapacity { get; init; }

    /// <summary>Gets the largest sandbox capacity among those silos.</summary>
    [Id(2)]
    public int MaxCapacity { get; init; }

    private static string FormatMessage(int siloCount, IReadOnlyCollection<int> capacities)
    {
        var silos = siloCount == 1 ? "1 silo" : $"{siloCount} silos";
        string each;
        if (capacities.Count == 0)
        {
            each = "no capacity reported";
        }
        else if (capacities.Min() == capacities.Max())
        {
            each = $"{capacities.Min()} sandboxes each";
        }
        else
        {
            each = $"{capacities.Min()} to {capacities.Max()} sandboxes each";
        }

        var noun = siloCount == 0 ? "No silo can host a sandbox" : "Every silo is at its sandbox capacity";
        return $"{noun} ({silos}, {each}). Remove an idle sandbox or add a silo.";
    }
}

namespace OmcpSandbox.Contracts.Sessions;

/// <summary>What one execution in a session produced.</summary>
[GenerateSerializer, Immutable, Alias("omcp.ExecutionOutcome")]
public sealed record ExecutionOutcome
{
    [Id(0)] public string Stdout { get; init; } = "";
    [Id(1)] public string Stderr { get; init; } = "";

    /// <summary>Gets the exit status: 0 success, 1 uncaught exception, 124 timed out, 137 killed.</summary>
    [Id(2)] public int ExitCode { get; init; }

    /// <summary>Gets the exception type, message and traceback, or null on success.</summary>
    [Id(3)] public ExecutionErrorInfo? Error { get; init; }

    [Id(4)] public bool TimedOut { get; init; }
    [Id(5)] public bool OutputTruncated { get; init; }

    /// <summary>Gets a value indicating whether interpreter state was lost before or during this execution.</summary>
    [Id(6)] public bool StateReset { get; init; }

    [Id(7)] public double DurationMs { get; init; }

    /// <summary>Gets the finding when the runner's own policy check rejected the code.</summary>
    [Id(8)] public ValidationFinding? Rejection { get; init; }
}

/// <summary>An exception raised by user code, or the reason the sandbox ended an execution.</summary>
[GenerateSerializer, Immutable, Alias("omcp.ExecutionErrorInfo")]
public sealed record ExecutionErrorInfo(
    [property: Id(0)] string Type,
    [property: Id(1)] string Message,
    [property: Id(2)] string Traceback);

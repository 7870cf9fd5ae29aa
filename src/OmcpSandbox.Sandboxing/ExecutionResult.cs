namespace OmcpSandbox.Sandboxing;

/// <summary>The outcome of one execution in a sandbox.</summary>
public sealed record ExecutionResult
{
    /// <summary>Exit status of an execution that completed.</summary>
    public const int ExitSuccess = 0;

    /// <summary>Exit status of an execution that raised an uncaught exception or was rejected.</summary>
    public const int ExitException = 1;

    /// <summary>Exit status of an execution killed at its deadline.</summary>
    public const int ExitTimedOut = 124;

    /// <summary>Exit status of an execution whose interpreter was killed, for example by the memory limit.</summary>
    public const int ExitKilled = 137;

    /// <summary>Gets what the code wrote to stdout, decoded as UTF-8 with replacement characters.</summary>
    public string Stdout { get; init; } = "";

    /// <summary>Gets what the code wrote to stderr, decoded as UTF-8 with replacement characters.</summary>
    public string Stderr { get; init; } = "";

    /// <summary>Gets the exit status: 0 success, 1 uncaught exception, 124 timed out, 137 killed.</summary>
    public int ExitCode { get; init; }

    /// <summary>Gets the uncaught exception or the reason the execution failed, or null on success.</summary>
    public ExecutionError? Error { get; init; }

    /// <summary>Gets the policy rejection reported by the runner's own check, or null when the code was allowed.</summary>
    public RunnerRejection? Rejection { get; init; }

    /// <summary>Gets a value indicating whether the deadline expired and the execution was killed.</summary>
    public bool TimedOut { get; init; }

    /// <summary>Gets a value indicating whether the output passed the limit and was cut.</summary>
    public bool OutputTruncated { get; init; }

    /// <summary>Gets a value indicating whether the interpreter was replaced, so variables and files are gone.</summary>
    public bool StateReset { get; init; }

    /// <summary>Gets the wall-clock duration measured on the host.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Gets a value indicating whether the execution completed with exit status 0.</summary>
    public bool Succeeded => ExitCode == ExitSuccess && Error is null && Rejection is null;
}

/// <summary>An exception raised by user code, or a failure of the sandbox that ended the execution.</summary>
/// <param name="Type">The exception type name, such as <c>ZeroDivisionError</c>.</param>
/// <param name="Message">The exception message.</param>
/// <param name="Traceback">The formatted traceback, without the runner's own frames; may be empty.</param>
public sealed record ExecutionError(string Type, string Message, string Traceback);

/// <summary>A rejection by the policy check inside the runner.</summary>
public sealed record RunnerRejection(string Rule, string Name, int Line, int Column, string Message);

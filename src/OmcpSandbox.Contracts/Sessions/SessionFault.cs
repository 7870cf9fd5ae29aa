namespace OmcpSandbox.Contracts.Sessions;

/// <summary>Why a session call failed in a way that is the caller's to fix.</summary>
[GenerateSerializer, Alias("omcp.SessionFaultCode")]
public enum SessionFaultCode
{
    /// <summary>No such sandbox for this caller (unknown, ended, or another tenant's).</summary>
    NotFound = 0,

    /// <summary>An argument is out of range or malformed.</summary>
    InvalidArgument = 1,

    /// <summary>Too many executions are already waiting in this session.</summary>
    QueueFull = 2,

    /// <summary>The silo or the cluster has no room for another sandbox.</summary>
    CapacityReached = 3,

    /// <summary>The sandbox was used within its idle timeout and removal was not forced.</summary>
    InUse = 4,

    /// <summary>The feature is switched off in configuration.</summary>
    Disabled = 5,

    /// <summary>The code was rejected by the validator before it reached the container.</summary>
    ValidationFailed = 6,

    /// <summary>The sandbox container could not be started.</summary>
    SandboxUnavailable = 7,

    /// <summary>The sandbox already exists.</summary>
    AlreadyExists = 8,

    /// <summary>The front end could not reach the silo that hosts or would host the sandbox.</summary>
    ClusterUnavailable = 9,
}

/// <summary>A failure that is the caller's: what was wrong and what to do.</summary>
/// <param name="Code">The kind of failure.</param>
/// <param name="Message">A sentence that names the value and the fix.</param>
/// <param name="Validation">The validator's finding when <paramref name="Code"/> is <see cref="SessionFaultCode.ValidationFailed"/>.</param>
[GenerateSerializer, Immutable, Alias("omcp.SessionFault")]
public sealed record SessionFault(
    [property: Id(0)] SessionFaultCode Code,
    [property: Id(1)] string Message,
    [property: Id(2)] ValidationFinding? Validation = null);

/// <summary>Where and why the validator rejected code.</summary>
[GenerateSerializer, Immutable, Alias("omcp.ValidationFinding")]
public sealed record ValidationFinding(
    [property: Id(0)] string Rule,
    [property: Id(1)] string Name,
    [property: Id(2)] int Line,
    [property: Id(3)] int Column,
    [property: Id(4)] string Message);

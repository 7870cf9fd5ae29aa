namespace OmcpSandbox.Sandboxing;

/// <summary>One piece of Python code to run in a sandbox, with the deadline the host enforces.</summary>
/// <param name="Code">The Python source, run as it is in the session's persistent namespace.</param>
/// <param name="Timeout">How long the execution may take before the host kills it.</param>
public sealed record ExecutionRequest(string Code, TimeSpan Timeout);

using System.Text.Json.Serialization;

namespace OmcpSandbox.Frontend.Tools;

/// <summary>The result of <c>create_sandbox</c>.</summary>
public sealed record CreateSandboxResult(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("sandbox_id")] string? SandboxId = null,
    [property: JsonPropertyName("created_at")] DateTimeOffset? CreatedAt = null,
    [property: JsonPropertyName("last_used")] DateTimeOffset? LastUsed = null,
    [property: JsonPropertyName("idle_timeout")] double? IdleTimeoutSeconds = null,
    [property: JsonPropertyName("error")] string? Error = null);

/// <summary>The result of <c>execute_python_code</c> and <c>install_package</c>.</summary>
public sealed record ExecuteResult
{
    [JsonPropertyName("success")] public bool Success { get; init; }
    [JsonPropertyName("output")] public string Output { get; init; } = "";
    [JsonPropertyName("stderr")] public string Stderr { get; init; } = "";

    /// <summary>Gets the error as <c>Type: message</c>, or null on success.</summary>
    [JsonPropertyName("error")] public string? Error { get; init; }

    [JsonPropertyName("traceback")] public string? Traceback { get; init; }

    /// <summary>Gets the exit status: 0 success, 1 uncaught exception or rejection, 124 timed out, 137 killed.</summary>
    [JsonPropertyName("exit_code")] public int ExitCode { get; init; }

    [JsonPropertyName("timed_out")] public bool TimedOut { get; init; }
    [JsonPropertyName("output_truncated")] public bool OutputTruncated { get; init; }
    [JsonPropertyName("state_reset")] public bool StateReset { get; init; }
    [JsonPropertyName("duration_ms")] public double DurationMs { get; init; }

    /// <summary>Gets where and why the validator rejected the code, when it did.</summary>
    [JsonPropertyName("validation_error")] public ValidationErrorResult? ValidationError { get; init; }
}

/// <summary>A validator finding in a tool result.</summary>
public sealed record ValidationErrorResult(
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("line")] int Line,
    [property: JsonPropertyName("column")] int Column,
    [property: JsonPropertyName("message")] string Message);

/// <summary>The result of <c>list_sandboxes</c>.</summary>
public sealed record ListSandboxesResult(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("sandboxes")] IReadOnlyList<SandboxSummary> Sandboxes,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("error")] string? Error = null);

/// <summary>One sandbox in <see cref="ListSandboxesResult"/>.</summary>
public sealed record SandboxSummary(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("last_used")] DateTimeOffset? LastUsed,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("execution_count")] long ExecutionCount);

/// <summary>The result of <c>remove_sandbox</c>.</summary>
public sealed record RemoveSandboxResult(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("message")] string Message);

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace OmcpSandbox.Sandboxing.Runner;

/// <summary>A message from the host to the runner.</summary>
internal sealed record RunnerCommand
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("id")]
    public long? Id { get; init; }

    [JsonPropertyName("code")]
    public string? Code { get; init; }

    [JsonPropertyName("output_limit")]
    public int? OutputLimit { get; init; }

    [JsonPropertyName("policy")]
    public JsonNode? Policy { get; init; }

    [JsonPropertyName("requirement")]
    public string? Requirement { get; init; }

    [JsonPropertyName("wheel_dir")]
    public string? WheelDirectory { get; init; }

    [JsonPropertyName("result")]
    public JsonNode? Result { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }
}

/// <summary>A message from the runner to the host; which fields are set depends on <see cref="Type"/>.</summary>
internal sealed record RunnerEvent
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "";

    [JsonPropertyName("id")]
    public long? Id { get; init; }

    [JsonPropertyName("exit_code")]
    public int ExitCode { get; init; }

    [JsonPropertyName("error")]
    public RunnerError? Error { get; init; }

    [JsonPropertyName("rejection")]
    public RunnerRejectionMessage? Rejection { get; init; }

    [JsonPropertyName("output_truncated")]
    public bool OutputTruncated { get; init; }

    [JsonPropertyName("stdout_length")]
    public int StdoutLength { get; init; }

    [JsonPropertyName("duration_ms")]
    public double DurationMs { get; init; }

    [JsonPropertyName("method")]
    public string? Method { get; init; }

    [JsonPropertyName("params")]
    public JsonElement Params { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("python")]
    public string? Python { get; init; }
}

internal sealed record RunnerError(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("traceback")] string? Traceback);

internal sealed record RunnerRejectionMessage(
    [property: JsonPropertyName("rule")] string? Rule,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("line")] int Line,
    [property: JsonPropertyName("column")] int Column,
    [property: JsonPropertyName("message")] string? Message);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunnerCommand))]
[JsonSerializable(typeof(RunnerEvent))]
internal sealed partial class RunnerJsonContext : JsonSerializerContext;

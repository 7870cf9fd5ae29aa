using System.Text.Json;
using System.Text.Json.Serialization;
using ModelContextProtocol.Protocol;

namespace OmcpSandbox.Frontend.Tools;

/// <summary>Builds tool results that carry structured content matching the tool's output schema plus a text rendering.</summary>
public static class ToolResults
{
    /// <summary>The JSON options of structured content.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Creates a result; <paramref name="isError"/> marks failures that are the caller's to fix.</summary>
    public static CallToolResult Create<T>(T value, string text, bool isError) => new()
    {
        StructuredContent = JsonSerializer.SerializeToElement(value, JsonOptions),
        Content = [new TextContentBlock { Text = text }],
        IsError = isError,
    };
}

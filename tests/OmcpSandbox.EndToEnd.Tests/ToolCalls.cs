using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace OmcpSandbox.EndToEnd.Tests;

/// <summary>Shortcuts for calling the sandbox tools and reading their structured content.</summary>
internal static class ToolCalls
{
    public static async Task<CallToolResult> CallAsync(this McpClient client, string tool, object? arguments = null)
    {
        var values = arguments is null
            ? new Dictionary<string, object?>()
            : JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(arguments))!;
        return await client.CallToolAsync(tool, values);
    }

    public static async Task<string> CreateSandboxAsync(this McpClient client, int? timeout = null)
    {
        var result = await client.CallAsync("create_sandbox", timeout is null ? null : new { timeout });
        Assert.True(result.IsError is not true, Text(result));
        return result.Structured().GetProperty("sandbox_id").GetString()!;
    }

    public static async Task<CallToolResult> ExecuteAsync(this McpClient client, string sandboxId, string code, int? timeout = null) =>
        await client.CallAsync("execute_python_code", timeout is null
            ? new { sandbox_id = sandboxId, code }
            : (object)new { sandbox_id = sandboxId, code, timeout });

    public static JsonElement Structured(this CallToolResult result) =>
        result.StructuredContent ?? throw new InvalidOperationException("The result has no structured content: " + Text(result));

    public static string Output(this CallToolResult result) => result.Structured().GetProperty("output").GetString()!;

    public static string Text(CallToolResult result) =>
        string.Join('\n', result.Content.OfType<TextContentBlock>().Select(block => block.Text));
}

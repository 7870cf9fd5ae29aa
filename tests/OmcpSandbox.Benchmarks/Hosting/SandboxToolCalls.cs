using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace OmcpSandbox.Benchmarks.Hosting;

/// <summary>Calls of the sandbox tools that throw unless the result is the expected one.</summary>
internal static class SandboxToolCalls
{
    /// <summary>Creates a sandbox and returns its id.</summary>
    public static async Task<string> CreateSandboxAsync(this McpClient client, CancellationToken cancellationToken)
    {
        var result = await client.CallToolAsync("create_sandbox", new Dictionary<string, object?>(), cancellationToken: cancellationToken);
        return Structured(result, "create_sandbox").GetProperty("sandbox_id").GetString()
            ?? throw new InvalidOperationException("create_sandbox returned no sandbox_id.");
    }

    public static async Task RemoveSandboxAsync(this McpClient client, string sandboxId, CancellationToken cancellationToken)
    {
        var arguments = new Dictionary<string, object?> { ["sandbox_id"] = sandboxId, ["force"] = true };
        var result = await client.CallToolAsync("remove_sandbox", arguments, cancellationToken: cancellationToken);
        Structured(result, "remove_sandbox");
    }

    /// <summary>
    /// Runs <paramref name="code"/> in the sandbox, throws unless it succeeded and printed exactly
    /// <paramref name="expectedOutput"/>, and returns its <c>duration_ms</c>: the runner round trip as the silo timed it.
    /// </summary>
    public static async Task<double> ExecuteCheckedAsync(
        this McpClient client, string sandboxId, string code, string expectedOutput, CancellationToken cancellationToken)
    {
        var result = await client.ExecuteAsync(sandboxId, code, cancellationToken);
        var structured = Structured(result, "execute_python_code");
        if (structured.GetProperty("output").GetString() != expectedOutput)
        {
            throw new UnexpectedResultException(
                $"execute_python_code in sandbox {sandboxId} returned {structured} where the output '{expectedOutput.TrimEnd()}' was expected.");
        }

        return structured.GetProperty("duration_ms").GetDouble();
    }

    /// <summary>Runs <paramref name="code"/> and throws unless the tool returned an error that contains <paramref name="expectedError"/>.</summary>
    public static async Task ExecuteExpectingErrorAsync(
        this McpClient client, string sandboxId, string code, string expectedError, CancellationToken cancellationToken)
    {
        var result = await client.ExecuteAsync(sandboxId, code, cancellationToken);
        var text = Text(result);
        if (result.IsError is not true || !text.Contains(expectedError, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"execute_python_code in sandbox '{sandboxId}' returned '{text}' where an error with '{expectedError}' was expected.");
        }
    }

    private static async Task<CallToolResult> ExecuteAsync(this McpClient client, string sandboxId, string code, CancellationToken cancellationToken)
    {
        var arguments = new Dictionary<string, object?> { ["sandbox_id"] = sandboxId, ["code"] = code };
        return await client.CallToolAsync("execute_python_code", arguments, cancellationToken: cancellationToken);
    }

    private static System.Text.Json.JsonElement Structured(CallToolResult result, string tool)
    {
        if (result.IsError is true)
        {
            throw new InvalidOperationException($"{tool} failed: {Text(result)}");
        }

        return result.StructuredContent ?? throw new InvalidOperationException($"{tool} returned no structured content: {Text(result)}");
    }

    private static string Text(CallToolResult result) =>
        string.Join('\n', result.Content.OfType<TextContentBlock>().Select(block => block.Text));
}

/// <summary>A tool call that completed but returned a result other than the expected one.</summary>
internal sealed class UnexpectedResultException(string message) : Exception(message);

using System.ComponentModel;
using System.Security.Cryptography;
using System.Text;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OmcpSandbox.Contracts.Sessions;
using OmcpSandbox.Frontend.Auth;

namespace OmcpSandbox.Frontend.Tools;

/// <summary>
/// The sandbox tools. Names and arguments match the original Python service, so its users' prompts keep working;
/// the snake_case parameter names are that wire contract.
/// </summary>
[McpServerToolType]
public sealed class SandboxTools(IClusterClient cluster, ClusterCallGuard guard)
{
    private const int MaxCodeLength = 1024 * 1024;
    private const int CreateAttempts = 5;

    [McpServerTool(Name = "create_sandbox", Title = "Create a Python sandbox", Destructive = false, Idempotent = false,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(CreateSandboxResult))]
    [Description("Creates an isolated Python sandbox whose variables, imports and files persist between executions. Returns its sandbox_id.")]
    public async Task<CallToolResult> CreateSandbox(
        RequestContext<CallToolRequestParams> context,
        [Description("Seconds the sandbox may sit unused before it is removed; the server default when omitted.")] int? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var caller = CallerClaims.ToCaller(context.User);
        if (timeout is <= 0)
        {
            return ToolResults.Create(new CreateSandboxResult(false, Error: InvalidTimeout(timeout.Value)), InvalidTimeout(timeout.Value), true);
        }

        var request = new SessionCreateRequest(timeout is null ? null : TimeSpan.FromSeconds(timeout.Value));
        SessionResult<SessionDescription> result;
        var attempt = 0;
        do
        {
            // A new id per attempt lets placement choose again, for example after a silo died and its
            // death has not yet reached every silo's view of the cluster.
            var sandboxId = NewSandboxId();
            result = await guard.CallSessionAsync(
                () => cluster.GetGrain<ISandboxSessionGrain>(sandboxId).CreateAsync(caller, request, cancellationToken));
        }
        while (result.Fault?.Code == SessionFaultCode.ClusterUnavailable && ++attempt < CreateAttempts &&
               await DelayAsync(TimeSpan.FromMilliseconds(500 * attempt), cancellationToken));
        if (result.Fault is { } fault)
        {
            return ToolResults.Create(new CreateSandboxResult(false, Error: fault.Message), fault.Message, true);
        }

        var session = result.Value!;
        var created = new CreateSandboxResult(true, session.SandboxId, session.CreatedAt, session.LastUsedAt, session.IdleTimeout.TotalSeconds);
        return ToolResults.Create(created, $"Created sandbox {session.SandboxId}.", false);
    }

    [McpServerTool(Name = "execute_python_code", Title = "Run Python in a sandbox", Destructive = false, Idempotent = false,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(ExecuteResult))]
    [Description("Runs Python code in a sandbox created with create_sandbox. State persists between calls. Returns stdout as output, stderr, the error and exit_code.")]
    public async Task<CallToolResult> ExecutePythonCode(
        RequestContext<CallToolRequestParams> context,
        [Description("The sandbox_id returned by create_sandbox.")] string sandbox_id,
        [Description("The Python code to run.")] string code,
        [Description("Seconds the execution may take before it is killed; default 30.")] int? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var caller = CallerClaims.ToCaller(context.User);
        if (CheckSandboxId(sandbox_id) is { } idProblem)
        {
            return Failure(idProblem);
        }

        if (code is null || code.Length > MaxCodeLength)
        {
            return Failure(code is null
                ? "The code argument is missing; pass the Python source to run."
                : $"The code is {code.Length} characters long; at most {MaxCodeLength} are accepted. Send it in smaller pieces.");
        }

        if (timeout is <= 0)
        {
            return Failure(InvalidTimeout(timeout.Value));
        }

        var request = new ExecuteRequest(code, timeout is null ? null : TimeSpan.FromSeconds(timeout.Value));
        var result = await guard.CallSessionAsync(
            () => cluster.GetGrain<ISandboxSessionGrain>(sandbox_id).ExecuteAsync(caller, request, cancellationToken));
        return Render(result);
    }

    [McpServerTool(Name = "list_sandboxes", Title = "List my sandboxes", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(ListSandboxesResult))]
    [Description("Lists the caller's sandboxes with their creation and last-used times.")]
    public async Task<CallToolResult> ListSandboxes(
        RequestContext<CallToolRequestParams> context,
        [Description("Also list sandboxes that ended recently.")] bool include_inactive = false,
        CancellationToken cancellationToken = default)
    {
        var caller = CallerClaims.ToCaller(context.User);
        var entries = await guard.CallAsync(() => cluster.GetGrain<ITenantSessionsGrain>(caller.Tenant).ListAsync(include_inactive));
        var described = await Task.WhenAll(entries.Select(async entry =>
        {
            if (entry.EndedAt is not null)
            {
                return new SandboxSummary(entry.SandboxId, entry.CreatedAt, null, "ended", 0);
            }

            var description = await guard.CallAsync(
                () => cluster.GetGrain<ISandboxSessionGrain>(entry.SandboxId).DescribeAsync(caller, cancellationToken));
            return description.Value is { } session
                ? new SandboxSummary(session.SandboxId, session.CreatedAt, session.LastUsedAt, session.Status.ToString().ToLowerInvariant(), session.ExecutionCount)
                : new SandboxSummary(entry.SandboxId, entry.CreatedAt, null, "ended", 0);
        }));
        var sandboxes = described.Where(summary => include_inactive || summary.Status != "ended").ToList();
        var text = sandboxes.Count == 0
            ? "No sandboxes."
            : string.Join('\n', sandboxes.Select(summary => $"{summary.Id} ({summary.Status}, last used {summary.LastUsed:O})"));
        return ToolResults.Create(new ListSandboxesResult(true, sandboxes, sandboxes.Count), text, false);
    }

    [McpServerTool(Name = "remove_sandbox", Title = "Remove a sandbox", Destructive = true, Idempotent = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(RemoveSandboxResult))]
    [Description("Removes a sandbox and its state. A sandbox used within its idle timeout is kept unless force is true.")]
    public async Task<CallToolResult> RemoveSandbox(
        RequestContext<CallToolRequestParams> context,
        [Description("The sandbox_id to remove.")] string sandbox_id,
        [Description("Remove even if the sandbox was used recently.")] bool force = false,
        CancellationToken cancellationToken = default)
    {
        var caller = CallerClaims.ToCaller(context.User);
        if (CheckSandboxId(sandbox_id) is { } idProblem)
        {
            return ToolResults.Create(new RemoveSandboxResult(false, idProblem), idProblem, true);
        }

        var result = await guard.CallSessionAsync(
            () => cluster.GetGrain<ISandboxSessionGrain>(sandbox_id).RemoveAsync(caller, force, cancellationToken));
        var message = result.Fault?.Message ?? result.Value!.Message;
        return ToolResults.Create(new RemoveSandboxResult(result.Fault is null, message), message, result.Fault is not null);
    }

    [McpServerTool(Name = "install_package", Title = "Install a Python package", Destructive = false, Idempotent = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(ExecuteResult))]
    [Description("Installs one allowed package pinned as name==version into a sandbox from the server's local wheels. Disabled unless the operator enables it.")]
    public async Task<CallToolResult> InstallPackage(
        RequestContext<CallToolRequestParams> context,
        [Description("The sandbox_id returned by create_sandbox.")] string sandbox_id,
        [Description("One pinned requirement, such as tabulate==0.9.0.")] string package,
        [Description("Seconds the install may take; default 30.")] int? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var caller = CallerClaims.ToCaller(context.User);
        if (CheckSandboxId(sandbox_id) is { } idProblem)
        {
            return Failure(idProblem);
        }

        if (timeout is <= 0)
        {
            return Failure(InvalidTimeout(timeout.Value));
        }

        var request = new InstallRequest(package ?? "", timeout is null ? null : TimeSpan.FromSeconds(timeout.Value));
        var result = await guard.CallSessionAsync(
            () => cluster.GetGrain<ISandboxSessionGrain>(sandbox_id).InstallPackageAsync(caller, request, cancellationToken));
        return Render(result);
    }

    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, cancellationToken);
        return true;
    }

    /// <summary>Creates a sandbox id with 128 bits of randomness.</summary>
    internal static string NewSandboxId() => "sbx-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static string? CheckSandboxId(string? sandboxId)
    {
        if (string.IsNullOrWhiteSpace(sandboxId))
        {
            return "The sandbox_id argument is missing; pass the id that create_sandbox returned.";
        }

        if (sandboxId.Length > 128 || !sandboxId.All(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '_'))
        {
            return $"Sandbox {Printable(sandboxId)} was not found. Create a sandbox with create_sandbox and use the sandbox_id it returns.";
        }

        return null;
    }

    private static string Printable(string value)
    {
        var builder = new StringBuilder();
        foreach (var character in value.Take(64))
        {
            builder.Append(char.IsControl(character) ? '?' : character);
        }

        return builder.Append(value.Length > 64 ? "..." : "").ToString();
    }

    private static string InvalidTimeout(int timeout) => $"Invalid timeout {timeout}; give a positive number of seconds.";

    private static CallToolResult Failure(string message) =>
        ToolResults.Create(new ExecuteResult { Success = false, ExitCode = 1, Error = message }, message, true);

    private static CallToolResult Render(SessionResult<ExecutionOutcome> result)
    {
        if (result.Fault is { } fault)
        {
            var rejected = new ExecuteResult
            {
                Success = false,
                ExitCode = 1,
                Error = fault.Message,
                ValidationError = fault.Validation is { } finding
                    ? new ValidationErrorResult(finding.Rule, finding.Name, finding.Line, finding.Column, finding.Message)
                    : null,
            };
            return ToolResults.Create(rejected, fault.Message, true);
        }

        var outcome = result.Value!;
        var execution = new ExecuteResult
        {
            Success = outcome.ExitCode == 0 && outcome.Error is null && outcome.Rejection is null,
            Output = outcome.Stdout,
            Stderr = outcome.Stderr,
            Error = outcome.Error is { } error ? $"{error.Type}: {error.Message}" : outcome.Rejection?.Message,
            Traceback = outcome.Error is { Traceback.Length: > 0 } withTrace ? withTrace.Traceback : null,
            ExitCode = outcome.ExitCode,
            TimedOut = outcome.TimedOut,
            OutputTruncated = outcome.OutputTruncated,
            StateReset = outcome.StateReset,
            DurationMs = outcome.DurationMs,
            ValidationError = outcome.Rejection is { } rejection
                ? new ValidationErrorResult(rejection.Rule, rejection.Name, rejection.Line, rejection.Column, rejection.Message)
                : null,
        };

        // A rejection by the runner's own check is the caller's, like one by the silo's validator.
        return ToolResults.Create(execution, RenderText(execution), outcome.Rejection is not null);
    }

    private static string RenderText(ExecuteResult execution)
    {
        var text = new StringBuilder(execution.Output);
        if (execution.Stderr.Length > 0)
        {
            text.Append(text.Length > 0 ? "\n" : "").Append("[stderr]\n").Append(execution.Stderr);
        }

        if (execution.Traceback is { } traceback)
        {
            text.Append(text.Length > 0 ? "\n" : "").Append(traceback);
        }
        else if (execution.Error is { } error)
        {
            text.Append(text.Length > 0 ? "\n" : "").Append(error);
        }

        if (execution.OutputTruncated)
        {
            text.Append("\n[output truncated at the server's output limit]");
        }

        if (execution.StateReset)
        {
            text.Append("\n[the interpreter was reset: variables and files from earlier calls are gone]");
        }

        return text.Length == 0 ? $"(no output, exit code {execution.ExitCode})" : text.ToString();
    }
}

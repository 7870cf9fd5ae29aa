using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using OmcpSandbox.Contracts.Sessions;
using OmcpSandbox.Sandboxing;
using OmcpSandbox.Validation;

namespace OmcpSandbox.Grains.Sessions;

/// <summary>
/// Applies the Python policy twice: on the silo before code is sent, and through the policy every runner receives
/// at start, so CPython's own parser checks the same rules inside the container.
/// </summary>
public sealed class PythonPolicyCodeValidator(PythonCodeValidator validator, IOptions<PythonValidationOptions> options)
    : ICodeValidator, IRunnerPolicySource
{
    public ValidationFinding? Validate(string code)
    {
        if (!options.Value.Enabled)
        {
            return null;
        }

        return validator.Validate(code) is { } failure
            ? new ValidationFinding(failure.Rule, failure.Name, failure.Line, failure.Column, failure.Message)
            : null;
    }

    public JsonNode? GetRunnerPolicy() => options.Value.Enabled ? options.Value.ToRunnerPolicy() : null;
}

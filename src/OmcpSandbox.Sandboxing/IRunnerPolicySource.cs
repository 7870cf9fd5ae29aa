using System.Text.Json.Nodes;

namespace OmcpSandbox.Sandboxing;

/// <summary>Supplies the code policy that each runner applies with CPython's own parser before it runs code.</summary>
public interface IRunnerPolicySource
{
    /// <summary>Returns the policy as the runner reads it, or null to run code without the runner's check.</summary>
    JsonNode? GetRunnerPolicy();
}

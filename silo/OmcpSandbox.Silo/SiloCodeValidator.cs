using OmcpSandbox.Contracts.Sessions;
using OmcpSandbox.Grains.Sessions;

namespace OmcpSandbox.Silo;

/// <summary>Rejects code before it reaches a container.</summary>
internal sealed class SiloCodeValidator : ICodeValidator
{
    // TODO: apply the Python policy validator here once it is in the solution.
    public ValidationFinding? Validate(string code) => null;
}

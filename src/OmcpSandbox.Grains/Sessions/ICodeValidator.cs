using OmcpSandbox.Contracts.Sessions;

namespace OmcpSandbox.Grains.Sessions;

/// <summary>Checks code on the silo before it is sent to a container.</summary>
public interface ICodeValidator
{
    /// <summary>Returns why <paramref name="code"/> is rejected, or null when it may run.</summary>
    ValidationFinding? Validate(string code);
}

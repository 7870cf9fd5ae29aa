using OmcpSandbox.Sandboxing;

namespace OmcpSandbox.Grains.Sessions;

/// <summary>Creates the handler of one session's requests from inside its sandbox.</summary>
public interface ISessionCallHandlerFactory
{
    /// <summary>Creates a handler acting for <paramref name="tenant"/> in <paramref name="sandboxId"/>.</summary>
    IHostCallHandler Create(string sandboxId, string tenant);
}

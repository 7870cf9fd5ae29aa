using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmcpSandbox.Sandboxing;

/// <summary>
/// Handles requests that sandboxed code sends to the host while it runs, such as brokered database queries.
/// </summary>
public interface IHostCallHandler
{
    /// <summary>Handles one request and returns its JSON result.</summary>
    /// <param name="method">The method name the runner sent, such as <c>omop.sql</c>.</param>
    /// <param name="parameters">The request parameters as the runner sent them; untrusted input.</param>
    /// <param name="cancellationToken">Cancelled when the execution's deadline expires.</param>
    /// <returns>The result to send back to the code.</returns>
    /// <exception cref="HostCallException">The request is invalid or failed; the message is shown to the code.</exception>
    Task<JsonNode?> HandleAsync(string method, JsonElement parameters, CancellationToken cancellationToken);
}

/// <summary>A failure of a host call that the sandboxed code receives as a <c>RuntimeError</c> with this message.</summary>
public sealed class HostCallException(string message) : Exception(message);

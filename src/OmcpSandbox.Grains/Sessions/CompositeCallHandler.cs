using System.Text.Json;
using System.Text.Json.Nodes;
using OmcpSandbox.Sandboxing;

namespace OmcpSandbox.Grains.Sessions;

/// <summary>Sends each call to the first handler that accepts its method; a handler declines by <see cref="MethodNotHandledException"/>.</summary>
internal sealed class CompositeCallHandler(IReadOnlyList<IHostCallHandler> handlers) : IHostCallHandler
{
    public async Task<JsonNode?> HandleAsync(string method, JsonElement parameters, CancellationToken cancellationToken)
    {
        foreach (var handler in handlers)
        {
            try
            {
                return await handler.HandleAsync(method, parameters, cancellationToken);
            }
            catch (MethodNotHandledException)
            {
            }
        }

        throw new HostCallException($"The host offers no method '{method}'.");
    }
}

/// <summary>Thrown by a call handler that does not handle a method, so the next one may.</summary>
public sealed class MethodNotHandledException(string method) : Exception($"The method '{method}' is not handled here.");

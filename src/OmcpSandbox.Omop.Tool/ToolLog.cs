using Microsoft.Extensions.Logging;

namespace OmcpSandbox.Omop.Tool;

/// <summary>Log messages of the omop tool, event ids 4200 to 4299.</summary>
internal static partial class ToolLog
{
    // The message goes to standard error for the user; the log line records which command failed and how.
    [LoggerMessage(EventId = 4200, Level = LogLevel.Error, Message = "The omop {Command} command failed with {ExceptionType}")]
    public static partial void CommandFailed(ILogger logger, string command, string exceptionType);
}

using Microsoft.Extensions.Logging;

namespace OmcpSandbox.Omop.Setup;

/// <summary>Log messages of OMOP database set-up, event ids 4100 to 4199.</summary>
internal static partial class SetupLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Created the OMOP database {Database}")]
    public static partial void DatabaseCreated(ILogger logger, string database);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information,
        Message = "Loaded {Source} OMOP data: {Persons} persons, {Rows} rows in {ElapsedMs} ms")]
    public static partial void DataLoaded(ILogger logger, string source, int persons, long rows, long elapsedMs);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information,
        Message = "The read-only role {Role} is set up in the OMOP database {Database}")]
    public static partial void ReaderRoleReady(ILogger logger, string role, string database);
}

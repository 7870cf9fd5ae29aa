using Npgsql;

namespace OmcpSandbox.Omop;

/// <summary>
/// Settings for the OMOP CDM database: how the service reaches it as the read-only role, how set-up reaches it as an
/// administrator, and the limits on queries. Bound from the <c>Omop</c> section and the <c>OMOP_DB_*</c> and
/// <c>ALLOW_UNSAFE_SQL</c> environment names (see <see cref="OmopConfiguration"/>).
/// </summary>
public sealed class OmopOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Omop";

    /// <summary>Gets or sets the database server host name (<c>OMOP_DB_HOST</c>). Default <c>127.0.0.1</c>.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Gets or sets the database server port (<c>OMOP_DB_PORT</c>). Default 5432.</summary>
    public int Port { get; set; } = 5432;

    /// <summary>Gets or sets the name of the OMOP database (<c>OMOP_DB_NAME</c>). Default <c>omop</c>.</summary>
    public string Database { get; set; } = "omop";

    /// <summary>Gets or sets the read-only role the service logs in as (<c>OMOP_DB_USER</c>). Default <c>omcp_reader</c>.</summary>
    public string ReaderUser { get; set; } = "omcp_reader";

    /// <summary>Gets or sets the password of the read-only role (<c>OMOP_DB_PASSWORD</c>). A secret: never logged.</summary>
    public string? ReaderPassword { get; set; }

    /// <summary>
    /// Gets or sets the connection string of a role that may create the schema, tables and reader role
    /// (<c>OMOP_ADMIN_CONNECTION_STRING</c>). Only set-up uses it; its database is replaced by <see cref="Database"/>.
    /// A secret: never logged.
    /// </summary>
    public string? AdminConnectionString { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether table queries may carry a raw <c>where</c> condition
    /// (<c>ALLOW_UNSAFE_SQL</c>). The condition must still pass the SQL policy. Default false.
    /// </summary>
    public bool AllowUnsafeSql { get; set; }

    /// <summary>Gets or sets the time after which the database cancels a query. Default 10 seconds.</summary>
    public TimeSpan StatementTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the maximum number of rows one query returns; larger limits are clamped. Default 1000.</summary>
    public int MaxRows { get; set; } = 1000;

    /// <summary>Gets or sets the number of rows a query returns when the caller gives no limit. Default 100.</summary>
    public int DefaultLimit { get; set; } = 100;

    /// <summary>
    /// Gets or sets a value indicating whether <c>*_source_value</c> columns, which may hold identifying codes from
    /// the source system, are exposed. Default false: they are withheld from table and SQL queries.
    /// </summary>
    public bool ExposeSourceValues { get; set; }

    /// <summary>Gets or sets the maximum number of pooled reader connections. Default 20.</summary>
    public int MaxPoolSize { get; set; } = 20;

    /// <summary>Builds the connection string of the read-only role.</summary>
    public string BuildReaderConnectionString()
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Database = Database,
            Username = ReaderUser,
            Password = ReaderPassword,
            ApplicationName = "omcp-omop-reader",
            Pooling = true,
            MaxPoolSize = MaxPoolSize,

            // Pooled connections must run DISCARD ALL before reuse, so no session state survives from one query to
            // the next. False is Npgsql's default; it is set here so that no other setting can turn it off.
            NoResetOnClose = false,
        };
        return builder.ConnectionString;
    }

    /// <summary>Builds the administrator connection string for the OMOP database.</summary>
    /// <exception cref="InvalidOperationException"><see cref="AdminConnectionString"/> is not set.</exception>
    public string BuildAdminConnectionString(string? database = null)
    {
        if (string.IsNullOrWhiteSpace(AdminConnectionString))
        {
            throw new InvalidOperationException(
                "Omop:AdminConnectionString is not set; set it or OMOP_ADMIN_CONNECTION_STRING to the connection string "
                + "of a role that may create schemas and roles.");
        }

        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database ?? Database };
        return builder.ConnectionString;
    }

    /// <summary>Returns the settings without the reader password and the administrator connection string.</summary>
    public override string ToString() =>
        $"Host={Host}, Port={Port}, Database={Database}, ReaderUser={ReaderUser}, ReaderPassword={Redacted(ReaderPassword)}, "
        + $"AdminConnectionString={Redacted(AdminConnectionString)}, AllowUnsafeSql={AllowUnsafeSql}, "
        + $"StatementTimeout={StatementTimeout}, MaxRows={MaxRows}, DefaultLimit={DefaultLimit}, "
        + $"ExposeSourceValues={ExposeSourceValues}, MaxPoolSize={MaxPoolSize}";

    private static string Redacted(string? secret) => string.IsNullOrEmpty(secret) ? "(not set)" : "(set)";
}

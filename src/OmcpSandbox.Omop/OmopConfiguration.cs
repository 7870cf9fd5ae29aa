using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace OmcpSandbox.Omop;

/// <summary>
/// Binds <see cref="OmopOptions"/> from the <c>Omop</c> section, then from the flat names users of the Python service
/// know. A flat name that is set wins over the section value.
/// </summary>
public static class OmopConfiguration
{
    /// <summary>The database server host name.</summary>
    public const string HostKey = "OMOP_DB_HOST";

    /// <summary>The database server port.</summary>
    public const string PortKey = "OMOP_DB_PORT";

    /// <summary>The OMOP database name.</summary>
    public const string DatabaseKey = "OMOP_DB_NAME";

    /// <summary>The read-only role name.</summary>
    public const string UserKey = "OMOP_DB_USER";

    /// <summary>The read-only role password.</summary>
    public const string PasswordKey = "OMOP_DB_PASSWORD";

    /// <summary>The administrator connection string used by set-up.</summary>
    public const string AdminConnectionStringKey = "OMOP_ADMIN_CONNECTION_STRING";

    /// <summary>Whether table queries may carry a raw where condition.</summary>
    public const string AllowUnsafeSqlKey = "ALLOW_UNSAFE_SQL";

    /// <summary>Applies <paramref name="configuration"/> to <paramref name="options"/>.</summary>
    /// <exception cref="InvalidOperationException">A flat name holds a value of the wrong type.</exception>
    public static void Bind(IConfiguration configuration, OmopOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        configuration.GetSection(OmopOptions.SectionName).Bind(options);

        options.Host = configuration[HostKey] is { Length: > 0 } host ? host : options.Host;
        options.Port = configuration[PortKey] is { Length: > 0 } port ? ParseInt(PortKey, port) : options.Port;
        options.Database = configuration[DatabaseKey] is { Length: > 0 } database ? database : options.Database;
        options.ReaderUser = configuration[UserKey] is { Length: > 0 } user ? user : options.ReaderUser;
        options.ReaderPassword = configuration[PasswordKey] is { Length: > 0 } password ? password : options.ReaderPassword;
        options.AdminConnectionString = configuration[AdminConnectionStringKey] is { Length: > 0 } admin
            ? admin
            : options.AdminConnectionString;
        options.AllowUnsafeSql = configuration[AllowUnsafeSqlKey] is { Length: > 0 } unsafeSql
            ? ParseBool(AllowUnsafeSqlKey, unsafeSql)
            : options.AllowUnsafeSql;
    }

    private static int ParseInt(string key, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"{key} must be a whole number, but it is '{value}'.");

    private static bool ParseBool(string key, string value) => value.Trim().ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "on" => true,
        "false" or "0" or "no" or "off" => false,
        _ => throw new InvalidOperationException($"{key} must be true or false, but it is '{value}'."),
    };
}

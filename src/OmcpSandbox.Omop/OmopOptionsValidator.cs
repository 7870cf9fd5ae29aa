using Microsoft.Extensions.Options;

namespace OmcpSandbox.Omop;

/// <summary>Validates <see cref="OmopOptions"/> at start; each failure names the setting and the fix.</summary>
public sealed class OmopOptionsValidator : IValidateOptions<OmopOptions>
{
    /// <summary>The largest accepted <see cref="OmopOptions.MaxRows"/>.</summary>
    public const int MaxRowsCeiling = 100_000;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OmopOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            failures.Add("Omop:Host (OMOP_DB_HOST) is empty; set it to the database server's host name.");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"Omop:Port (OMOP_DB_PORT) is {options.Port}; set it to a TCP port between 1 and 65535.");
        }

        if (string.IsNullOrWhiteSpace(options.Database))
        {
            failures.Add("Omop:Database (OMOP_DB_NAME) is empty; set it to the name of the OMOP database.");
        }

        if (!IsPlainIdentifier(options.ReaderUser))
        {
            failures.Add($"Omop:ReaderUser (OMOP_DB_USER) is '{options.ReaderUser}'; use 1 to 63 lower-case letters, "
                + "digits and underscores, starting with a letter or underscore.");
        }

        if (string.IsNullOrEmpty(options.ReaderPassword))
        {
            failures.Add("Omop:ReaderPassword (OMOP_DB_PASSWORD) is not set; set it to the password of the read-only role.");
        }

        if (options.StatementTimeout < TimeSpan.FromMilliseconds(100) || options.StatementTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Omop:StatementTimeout is {options.StatementTimeout}; set it between 00:00:00.1 and 00:10:00.");
        }

        if (options.MaxRows is < 1 or > MaxRowsCeiling)
        {
            failures.Add($"Omop:MaxRows is {options.MaxRows}; set it between 1 and {MaxRowsCeiling}.");
        }

        if (options.DefaultLimit < 1 || options.DefaultLimit > options.MaxRows)
        {
            failures.Add($"Omop:DefaultLimit is {options.DefaultLimit}; set it between 1 and Omop:MaxRows ({options.MaxRows}).");
        }

        if (options.MaxPoolSize is < 1 or > 1000)
        {
            failures.Add($"Omop:MaxPoolSize is {options.MaxPoolSize}; set it between 1 and 1000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Returns whether <paramref name="name"/> is a lower-case PostgreSQL name that needs no quoting.</summary>
    public static bool IsPlainIdentifier(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 63 || !(char.IsAsciiLetterLower(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}

using System.Globalization;
using Npgsql;
using OmcpSandbox.Omop.Schema;

namespace OmcpSandbox.Omop.Setup;

/// <summary>
/// Creates or updates the read-only role: LOGIN without other attributes, SELECT on the omop_cdm tables only, and
/// role settings that make every transaction read-only with a statement timeout.
/// </summary>
public static class ReaderRoleInstaller
{
    /// <summary>
    /// Side-effecting pg_catalog functions whose EXECUTE right is revoked from PUBLIC in the OMOP database, so that the
    /// reader cannot call them even if a query got past the SQL policy. PostgreSQL 15 already limits the functions that
    /// read server files to superusers and members of pg_read_server_files.
    /// </summary>
    public static IReadOnlyList<string> RevokedFunctions { get; } =
    [
        "set_config", "pg_sleep", "pg_sleep_for", "pg_sleep_until", "pg_notify", "pg_terminate_backend",
        "pg_cancel_backend", "pg_advisory_lock", "pg_advisory_lock_shared", "pg_advisory_xact_lock",
        "pg_advisory_xact_lock_shared", "pg_try_advisory_lock", "pg_try_advisory_lock_shared",
        "pg_try_advisory_xact_lock", "pg_try_advisory_xact_lock_shared", "pg_advisory_unlock",
        "pg_advisory_unlock_shared", "pg_advisory_unlock_all", "lo_create", "lo_creat", "lo_import", "lo_export",
        "lo_unlink", "lo_from_bytea", "lo_put", "lo_open", "lowrite", "loread", "lo_get", "lo_truncate",
        "query_to_xml", "query_to_xmlschema", "query_to_xml_and_xmlschema", "cursor_to_xml", "cursor_to_xmlschema",
        "table_to_xml", "table_to_xmlschema", "table_to_xml_and_xmlschema", "schema_to_xml", "schema_to_xmlschema",
        "schema_to_xml_and_xmlschema", "database_to_xml", "database_to_xmlschema", "database_to_xml_and_xmlschema",
        "nextval", "setval", "pg_logical_emit_message", "pg_stat_get_activity", "current_setting",
    ];

    /// <summary>Catalog views whose SELECT right is revoked from PUBLIC in the OMOP database.</summary>
    public static IReadOnlyList<string> RevokedViews { get; } = ["pg_stat_activity", "pg_settings"];

    /// <summary>
    /// Creates the role named <see cref="OmopOptions.ReaderUser"/> or resets it to the settings above. Run as an
    /// administrator connected to the OMOP database, after the tables exist.
    /// </summary>
    /// <exception cref="InvalidOperationException">The options lack a valid role name or password.</exception>
    public static async Task InstallAsync(NpgsqlConnection connection, OmopOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        if (!OmopOptionsValidator.IsPlainIdentifier(options.ReaderUser))
        {
            throw new InvalidOperationException($"Omop:ReaderUser '{options.ReaderUser}' is not a plain lower-case role name.");
        }

        if (string.IsNullOrEmpty(options.ReaderPassword))
        {
            throw new InvalidOperationException(
                "Omop:ReaderPassword (OMOP_DB_PASSWORD) is not set; set it before creating the read-only role.");
        }

        var role = Quote(options.ReaderUser);
        var database = Quote(connection.Database);
        var verifier = ScramVerifier.Compute(options.ReaderPassword);
        var exists = await ExistsAsync(connection, options.ReaderUser, cancellationToken);
        var attributes = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS";
        var timeout = ((long)options.StatementTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

        var statements = new List<string>
        {
            $"{(exists ? "ALTER" : "CREATE")} ROLE {role} {attributes} PASSWORD '{verifier}'",
            $"ALTER ROLE {role} SET default_transaction_read_only = on",
            $"ALTER ROLE {role} SET search_path = {OmopCdmSchema.Name}",
            $"ALTER ROLE {role} SET statement_timeout = '{timeout}ms'",
            $"ALTER ROLE {role} SET lock_timeout = '{timeout}ms'",
            $"ALTER ROLE {role} SET idle_in_transaction_session_timeout = '60s'",
            $"REVOKE ALL ON DATABASE {database} FROM {role}",
            $"GRANT CONNECT ON DATABASE {database} TO {role}",
            $"REVOKE CREATE, TEMPORARY ON DATABASE {database} FROM PUBLIC",
            "REVOKE ALL ON SCHEMA public FROM PUBLIC",
            $"REVOKE ALL ON SCHEMA {OmopCdmSchema.Name} FROM PUBLIC",
            $"GRANT USAGE ON SCHEMA {OmopCdmSchema.Name} TO {role}",
            $"REVOKE ALL ON ALL TABLES IN SCHEMA {OmopCdmSchema.Name} FROM PUBLIC, {role}",
            $"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {OmopCdmSchema.Name} FROM PUBLIC, {role}",
            $"REVOKE ALL ON ALL FUNCTIONS IN SCHEMA {OmopCdmSchema.Name} FROM PUBLIC, {role}",
        };

        // NOTE: grants cover the tables in OmopCdmSchema only; a table added to omop_cdm later needs its own GRANT.
        foreach (var table in OmopCdmSchema.Tables)
        {
            // Column grants keep *_source_value columns out of reach even through SELECT * or a whole-row reference.
            var columns = table.Columns
                .Where(column => options.ExposeSourceValues || !column.Name.EndsWith("_source_value", StringComparison.Ordinal))
                .Select(column => column.Name);
            statements.Add(options.ExposeSourceValues
                ? $"GRANT SELECT ON {OmopCdmSchema.Name}.{table.Name} TO {role}"
                : $"GRANT SELECT ({string.Join(", ", columns)}) ON {OmopCdmSchema.Name}.{table.Name} TO {role}");
        }

        foreach (var view in RevokedViews)
        {
            statements.Add($"REVOKE SELECT ON pg_catalog.{view} FROM PUBLIC");
        }

        statements.AddRange(await RevokedFunctionSignaturesAsync(connection, cancellationToken));
        statements.AddRange(await MembershipRevokesAsync(connection, options.ReaderUser, role, cancellationToken));

        await using var batch = new NpgsqlBatch(connection);
        foreach (var statement in statements)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(statement));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, string role, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = role });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<IReadOnlyList<string>> RevokedFunctionSignaturesAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        const string Sql = "SELECT p.oid::regprocedure::text FROM pg_proc p "
            + "WHERE p.pronamespace = 'pg_catalog'::regnamespace AND p.proname = ANY($1) ORDER BY 1";
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = RevokedFunctions.ToArray() });
        var statements = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            statements.Add($"REVOKE EXECUTE ON FUNCTION pg_catalog.{reader.GetString(0)} FROM PUBLIC");
        }

        return statements;
    }

    private static async Task<IReadOnlyList<string>> MembershipRevokesAsync(
        NpgsqlConnection connection, string roleName, string role, CancellationToken cancellationToken)
    {
        const string Sql = "SELECT quote_ident(g.rolname) FROM pg_auth_members m "
            + "JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = $1";
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = roleName });
        var statements = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            statements.Add($"REVOKE {reader.GetString(0)} FROM {role}");
        }

        return statements;
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

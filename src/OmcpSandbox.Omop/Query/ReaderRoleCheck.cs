using Npgsql;

namespace OmcpSandbox.Omop.Query;

/// <summary>
/// Checks once that the role the service logs in as is the restricted reader: no superuser or other elevated
/// attributes, and read-only transactions by default.
/// </summary>
internal sealed class ReaderRoleCheck(string role)
{
    private const string Sql = """
        SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls OR rolreplication FROM pg_catalog.pg_roles
        WHERE rolname = current_user;
        SHOW default_transaction_read_only
        """;

    private volatile bool _verified;

    /// <exception cref="OmopQueryException">The role is elevated or not read-only by default.</exception>
    public async Task VerifyAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (_verified)
        {
            return;
        }

        await using var command = new NpgsqlCommand(Sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var elevated = !await reader.ReadAsync(cancellationToken) || reader.GetBoolean(0);
        await reader.NextResultAsync(cancellationToken);
        var readOnly = await reader.ReadAsync(cancellationToken) && reader.GetString(0) == "on";
        if (elevated || !readOnly)
        {
            throw new OmopQueryException(
                OmopQueryErrorCode.UnsafeReaderRole,
                $"The OMOP reader role {role} is elevated or not read-only by default, so the service will not use it; "
                + "run 'omop ensure' to create it with only SELECT rights, or set OMOP_DB_USER to such a role.");
        }

        _verified = true;
    }
}

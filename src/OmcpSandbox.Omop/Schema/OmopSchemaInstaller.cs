using System.Text;
using Npgsql;

namespace OmcpSandbox.Omop.Schema;

/// <summary>Creates the omop_cdm schema and its tables when they are missing.</summary>
public static class OmopSchemaInstaller
{
    /// <summary>Creates the schema, tables, primary keys and person_id indexes that do not exist yet.</summary>
    public static async Task CreateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand(BuildScript(), connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Returns the CREATE statements; every name comes from <see cref="OmopCdmSchema"/>.</summary>
    public static string BuildScript()
    {
        var script = new StringBuilder();
        script.Append("CREATE SCHEMA IF NOT EXISTS ").Append(OmopCdmSchema.Name).AppendLine(";");
        foreach (var table in OmopCdmSchema.Tables)
        {
            script.Append("CREATE TABLE IF NOT EXISTS ").Append(OmopCdmSchema.Name).Append('.').Append(table.Name).AppendLine(" (");
            var definitions = table.Columns
                .Select(column => $"    {column.Name} {column.SqlType}{(column.Required ? " NOT NULL" : " NULL")}")
                .ToList();
            if (table.PrimaryKey is { } key)
            {
                definitions.Add($"    PRIMARY KEY ({key})");
            }

            script.AppendLine(string.Join(",\n", definitions)).AppendLine(");");
            if (table.PrimaryKey != "person_id" && table.Columns.Any(column => column.Name == "person_id"))
            {
                script.Append("CREATE INDEX IF NOT EXISTS idx_").Append(table.Name).Append("_person_id ON ")
                    .Append(OmopCdmSchema.Name).Append('.').Append(table.Name).AppendLine(" (person_id);");
            }
        }

        return script.ToString();
    }
}

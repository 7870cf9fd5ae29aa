using System.Globalization;
using System.Text;
using Npgsql;
using OmcpSandbox.Omop.Schema;
using OmcpSandbox.Omop.Sql;

namespace OmcpSandbox.Omop.Query;

/// <summary>
/// Builds the command for a table query. Names come from the catalogue after a match, so the only caller text written
/// into the SQL is a where condition that passed the SQL policy. Values are parameters.
/// </summary>
internal static class TableQueryBuilder
{
    public static NpgsqlCommand Build(
        OmopCatalog catalog,
        string tableName,
        IReadOnlyList<string>? columns,
        IReadOnlyDictionary<string, object?>? filters,
        string? where,
        int rowLimit,
        OmopOptions options,
        SqlPolicy policy)
    {
        var table = catalog.ResolveTable(tableName);
        var selected = columns is { Count: > 0 }
            ? columns.Select(column => catalog.ResolveColumn(table, column, options.ExposeSourceValues)).Distinct().ToList()
            : catalog.ColumnsOf(table).ToList();

        var command = new NpgsqlCommand();
        var sql = new StringBuilder("SELECT ")
            .AppendJoin(", ", selected.Select(column => Quote(column.Name)))
            .Append(" FROM ").Append(OmopCdmSchema.Name).Append('.').Append(Quote(table));

        var conditions = new List<string>();
        foreach (var (name, value) in filters ?? new Dictionary<string, object?>())
        {
            var column = catalog.ResolveColumn(table, name, options.ExposeSourceValues);
            conditions.Add(Condition(command, column, FilterValues.Convert(column.Name, value)));
        }

        if (where is not null)
        {
            conditions.Add("(" + policy.CheckCondition(where, table) + ")");
        }

        if (conditions.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", conditions);
        }

        var key = OmopCdmSchema.Tables.FirstOrDefault(definition => definition.Name == table)?.PrimaryKey;
        if (key is not null && catalog.ColumnsOf(table).Any(column => column.Name == key))
        {
            sql.Append(" ORDER BY ").Append(Quote(key));
        }

        sql.Append(" LIMIT ").Append((rowLimit + 1).ToString(CultureInfo.InvariantCulture));
        command.CommandText = sql.ToString();
        return command;
    }

    private static string Condition(NpgsqlCommand command, OmopColumn column, FilterValues.Filter filter)
    {
        var name = Quote(column.Name);
        if (filter.IsNull)
        {
            return $"{name} IS NULL";
        }

        if (filter.IsList && filter.Values.Count == 0)
        {
            return "FALSE";
        }

        // The type name comes from format_type() in the catalogue. Text parameters are cast to it, so PostgreSQL
        // parses each value as the column's own type.
        var placeholders = filter.Values.Select(value =>
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            return $"CAST(${command.Parameters.Count} AS {column.DataType})";
        }).ToList();
        return filter.IsList ? $"{name} IN ({string.Join(", ", placeholders)})" : $"{name} = {placeholders[0]}";
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

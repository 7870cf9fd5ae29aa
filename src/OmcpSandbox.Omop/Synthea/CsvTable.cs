using System.Text;

namespace OmcpSandbox.Omop.Synthea;

/// <summary>A CSV file with a header row, read by RFC 4180 rules (quoted fields may hold commas, quotes and newlines).</summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string file, Dictionary<string, int> columns, List<(int Line, string[] Fields)> rows)
    {
        File = file;
        _columns = columns;
        Rows = rows;
    }

    public string File { get; }

    public IReadOnlyList<(int Line, string[] Fields)> Rows { get; }

    /// <summary>Reads <paramref name="file"/> in <paramref name="directory"/> and checks that it has the required columns.</summary>
    /// <exception cref="SyntheaImportException">The file or a required column is missing, or a quote is not closed.</exception>
    public static async Task<CsvTable> ReadAsync(
        string directory, string file, IReadOnlyList<string> requiredColumns, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, file);
        if (!System.IO.File.Exists(path))
        {
            throw new SyntheaImportException(
                $"Missing file {file} in {directory}. Pass the csv folder of a Synthea export made with "
                + "--exporter.csv.export=true.",
                file);
        }

        var text = await System.IO.File.ReadAllTextAsync(path, cancellationToken);
        var records = Parse(text, file);
        if (records.Count == 0)
        {
            throw new SyntheaImportException($"The file {file} is empty; it needs a header row.", file);
        }

        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var header = records[0].Fields;
        for (var i = 0; i < header.Length; i++)
        {
            columns.TryAdd(header[i].Trim(), i);
        }

        foreach (var column in requiredColumns)
        {
            if (!columns.ContainsKey(column))
            {
                throw new SyntheaImportException(
                    $"Missing column {column} in {file}. Its header row must name {string.Join(", ", requiredColumns)}; "
                    + "re-export with a Synthea version that writes them.",
                    file,
                    column);
            }
        }

        return new CsvTable(file, columns, records.Skip(1).Where(record => record.Fields is not [""]).ToList());
    }

    public bool HasColumn(string column) => _columns.ContainsKey(column);

    /// <summary>Returns the field of <paramref name="column"/>, or an empty string when the row is short or the column absent.</summary>
    public string Get(string[] fields, string column) =>
        _columns.TryGetValue(column, out var index) && index < fields.Length ? fields[index] : "";

    private static List<(int Line, string[] Fields)> Parse(string text, string file)
    {
        var records = new List<(int, string[])>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add((recordLine, fields.ToArray()));
                    fields.Clear();
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (quoted)
        {
            throw new SyntheaImportException($"A quoted field in {file} starting on line {recordLine} is not closed.", file, line: recordLine);
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((recordLine, fields.ToArray()));
        }

        return records;
    }
}

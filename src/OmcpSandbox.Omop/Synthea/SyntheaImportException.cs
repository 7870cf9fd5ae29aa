namespace OmcpSandbox.Omop.Synthea;

/// <summary>Thrown when a Synthea CSV export is missing a file or column, or contains a value that cannot be parsed.</summary>
public sealed class SyntheaImportException : Exception
{
    /// <summary>Initializes a new instance with a message that names the file, the column and the fix.</summary>
    public SyntheaImportException(string message, string file, string? column = null, int line = 0)
        : base(message)
    {
        File = file;
        Column = column;
        Line = line;
    }

    /// <summary>Gets the CSV file name, for example <c>patients.csv</c>.</summary>
    public string File { get; }

    /// <summary>Gets the column name, or null when the problem is the whole file.</summary>
    public string? Column { get; }

    /// <summary>Gets the one-based line number in the file, or 0 when the problem is not on one line.</summary>
    public int Line { get; }
}

using System.Globalization;
using OmcpSandbox.Omop.Generation;

namespace OmcpSandbox.Omop.Tool;

/// <summary>The parsed command line of the omop tool.</summary>
internal sealed record ToolArguments(string Command, SyntheticDataOptions Sample, string? Directory, bool Replace)
{
    public const string Usage = """
        Usage:
          omop seed [--persons N] [--seed S]        replace the OMOP data with N synthetic persons (default 1000, seed 42)
          omop import-synthea DIR [--replace]       replace the OMOP data with a Synthea CSV export in DIR
          omop ensure [--persons N] [--seed S]      create the database, schema, sample data when empty, and the reader role

        Settings come from appsettings.json and the environment: OMOP_ADMIN_CONNECTION_STRING (administrator connection,
        required), OMOP_DB_NAME (database, default omop), OMOP_DB_USER (reader role, default omcp_reader) and
        OMOP_DB_PASSWORD (reader password, required by ensure), or the same settings in the Omop section.
        """;

    /// <exception cref="ArgumentException">The command line is invalid. The message names the invalid part.</exception>
    public static ToolArguments Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] is "help" or "--help" or "-h")
        {
            return new ToolArguments("help", new SyntheticDataOptions(), null, false);
        }

        var command = args[0];
        if (command is not ("seed" or "import-synthea" or "ensure"))
        {
            throw new ArgumentException($"unknown command '{command}'.");
        }

        var persons = 1000;
        var seed = 42;
        string? directory = null;
        var replace = false;
        for (var i = 1; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--persons" when command != "import-synthea":
                    persons = ParseNumber(args, ++i, "--persons", 1);
                    break;
                case "--seed" when command != "import-synthea":
                    seed = ParseNumber(args, ++i, "--seed", 0);
                    break;
                case "--replace" when command == "import-synthea":
                    replace = true;
                    break;
                case var value when command == "import-synthea" && directory is null && !value.StartsWith("--", StringComparison.Ordinal):
                    directory = value;
                    break;
                default:
                    throw new ArgumentException($"unexpected argument '{args[i]}' for {command}.");
            }
        }

        if (command == "import-synthea" && directory is null)
        {
            throw new ArgumentException("import-synthea needs the directory of the Synthea CSV export.");
        }

        return new ToolArguments(command, new SyntheticDataOptions(persons, seed), directory, replace);
    }

    private static int ParseNumber(IReadOnlyList<string> args, int index, string name, int minimum)
    {
        if (index >= args.Count
            || !int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value < minimum)
        {
            throw new ArgumentException($"{name} needs a whole number of at least {minimum}.");
        }

        return value;
    }
}

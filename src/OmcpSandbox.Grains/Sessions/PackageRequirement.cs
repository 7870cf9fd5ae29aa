using System.Text.RegularExpressions;

namespace OmcpSandbox.Grains.Sessions;

/// <summary>Checks that a package request is exactly one allowed, pinned requirement: <c>name==version</c>.</summary>
public static partial class PackageRequirement
{
    /// <summary>Returns why <paramref name="requirement"/> is rejected, or null when it may be installed.</summary>
    public static string? Check(string? requirement, IReadOnlyCollection<string> allowedPackages)
    {
        ArgumentNullException.ThrowIfNull(allowedPackages);
        var text = requirement?.Trim() ?? "";
        if (text.Length == 0)
        {
            return "The package is empty; give one pinned requirement such as 'tabulate==0.9.0'.";
        }

        if (text.StartsWith('-') || text.Contains("://", StringComparison.Ordinal) || text.Contains('/') || text.Contains('\\') ||
            text.Contains('@') || text.Contains(' ') || text.Contains(';') || text.Contains(','))
        {
            return $"Invalid package '{text}': options, URLs, paths, requirement files and markers are not accepted. " +
                   "Give one pinned requirement such as 'tabulate==0.9.0'.";
        }

        var match = PinnedRequirement().Match(text);
        if (!match.Success)
        {
            return $"Invalid package '{text}': it must be pinned to one exact version as name==version, such as 'tabulate==0.9.0'.";
        }

        var name = Normalize(match.Groups["name"].Value);
        if (!allowedPackages.Any(allowed => Normalize(allowed) == name))
        {
            return $"Package '{match.Groups["name"].Value}' is not on this server's allow-list. Allowed packages: " +
                   (allowedPackages.Count == 0 ? "none" : string.Join(", ", allowedPackages.Order(StringComparer.Ordinal))) + ".";
        }

        return null;
    }

    /// <summary>Normalises a project name as PEP 503 does: lower case, runs of -, _ and . become one -.</summary>
    public static string Normalize(string name) => Separators().Replace(name.Trim().ToLowerInvariant(), "-");

    [GeneratedRegex(@"^(?<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)==(?<version>[0-9]+(?:\.[0-9A-Za-z]+)*(?:[.+-][0-9A-Za-z.]+)?)$")]
    private static partial Regex PinnedRequirement();

    [GeneratedRegex("[-_.]+")]
    private static partial Regex Separators();
}

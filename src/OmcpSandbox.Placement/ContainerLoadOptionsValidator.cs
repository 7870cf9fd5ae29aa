using Microsoft.Extensions.Options;

namespace OmcpSandbox.Placement;

/// <summary>Validates <see cref="ContainerLoadOptions"/>; each failure names the configuration key to fix.</summary>
public sealed class ContainerLoadOptionsValidator : IValidateOptions<ContainerLoadOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ContainerLoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.PublishInterval <= TimeSpan.Zero || options.PublishInterval > TimeSpan.FromSeconds(1))
        {
            failures.Add($"Placement:PublishInterval {options.PublishInterval} is invalid; set a time above zero and at most 00:00:01.");
        }

        if (options.SettleTime < TimeSpan.Zero)
        {
            failures.Add($"Placement:SettleTime {options.SettleTime} is negative; set zero or a positive time such as 00:00:00.250.");
        }

        if (options.ReportExpiry <= options.PublishInterval * 2)
        {
            failures.Add($"Placement:ReportExpiry {options.ReportExpiry} must exceed twice Placement:PublishInterval "
                + $"({options.PublishInterval}), or live silos would drop out between reports.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace MspSupport.Core.Agent.Routing;

/// <summary>Checks <see cref="RoutingOptions"/> at start-up, naming each bad setting and what it should be.</summary>
public sealed class RoutingOptionsValidator : IValidateOptions<RoutingOptions>
{
    public ValidateOptionsResult Validate(string? name, RoutingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.DefaultTier is not (1 or 2))
        {
            failures.Add($"{RoutingOptions.Section}:DefaultTier must be 1 (cheap model) or 2 (capable model).");
        }

        if (options.CapableMinWords < 1)
        {
            failures.Add($"{RoutingOptions.Section}:CapableMinWords must be a positive number of words, e.g. 45.");
        }

        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            var key = $"{RoutingOptions.Section}:Rules:{i}";
            if (rule.Tier is not (1 or 2))
            {
                failures.Add($"{key}:Tier must be 1 or 2.");
            }

            if (string.IsNullOrWhiteSpace(rule.Pattern) || !IsRegex(rule.Pattern))
            {
                failures.Add($"{key}:Pattern must be a valid regular expression, e.g. \\btroubleshoot\\b.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

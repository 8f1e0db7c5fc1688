using Microsoft.Extensions.Options;

namespace MspSupport.Core.Agent.Models;

/// <summary>Checks <see cref="AgentModelOptions"/> at start-up, naming each bad setting and what it should be.</summary>
public sealed class AgentModelOptionsValidator : IValidateOptions<AgentModelOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Check(options.Cheap, $"{AgentModelOptions.Section}:Cheap", failures);
        Check(options.Capable, $"{AgentModelOptions.Section}:Capable", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(ModelOptions tier, string key, List<string> failures)
    {
        if (!Enum.IsDefined(tier.Provider))
        {
            failures.Add($"{key}:Provider must be None, Bedrock or OpenAI.");
            return;
        }

        if (tier.Provider == ModelProvider.OpenAI)
        {
            if (!IsHttpUrl(tier.BaseUrl))
            {
                failures.Add($"{key}:BaseUrl must be the absolute http(s) URL of an OpenAI-compatible API, e.g. http://localhost:11434/v1.");
            }

            if (string.IsNullOrWhiteSpace(tier.ModelId))
            {
                failures.Add($"{key}:ModelId must name the model the server serves, e.g. llama3.1:8b.");
            }
        }

        if (tier.Provider == ModelProvider.Bedrock)
        {
            if (string.IsNullOrWhiteSpace(tier.Region) || tier.Region.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
            {
                failures.Add($"{key}:Region must be an AWS region such as us-east-1.");
            }

            if (!string.IsNullOrEmpty(tier.Endpoint) && !IsHttpUrl(tier.Endpoint))
            {
                failures.Add($"{key}:Endpoint must be an absolute http(s) URL, or empty for the region's Bedrock Runtime endpoint.");
            }
        }

        if (tier.MaxOutputTokens is < 16 or > 64_000)
        {
            failures.Add($"{key}:MaxOutputTokens must be between 16 and 64000.");
        }

        if (tier.TimeoutSeconds is < 1 or > 600)
        {
            failures.Add($"{key}:TimeoutSeconds must be between 1 and 600.");
        }

        if (tier.RetryDelayMilliseconds is < 1 or > 60_000 || tier.MaxRetries is < 0 or > 10)
        {
            failures.Add($"{key}:RetryDelayMilliseconds must be 1 to 60000 and {key}:MaxRetries 0 to 10.");
        }

        if (tier.InputPricePer1k < 0 || tier.OutputPricePer1k < 0)
        {
            failures.Add($"{key}:InputPricePer1k and {key}:OutputPricePer1k cannot be negative.");
        }
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https";
}

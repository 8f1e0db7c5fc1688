namespace MspSupport.Infra;

/// <summary>ARNs to grant for a Bedrock model id, so the bot's role names each model it calls.</summary>
public static class BedrockModels
{
    // Cross-region inference profiles (us.anthropic..., eu.anthropic...) route to the base model in any region of the
    // geography, so IAM needs the profile and the base model in those regions.
    private static readonly string[] ProfilePrefixes = ["us.", "eu.", "apac.", "global."];

    public static IReadOnlyList<string> Arns(string partition, string region, string account, string modelId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        var prefix = ProfilePrefixes.FirstOrDefault(p => modelId.StartsWith(p, StringComparison.Ordinal));
        if (prefix is null)
        {
            return [$"arn:{partition}:bedrock:{region}::foundation-model/{modelId}"];
        }

        return
        [
            $"arn:{partition}:bedrock:{region}:{account}:inference-profile/{modelId}",
            $"arn:{partition}:bedrock:*::foundation-model/{modelId[prefix.Length..]}",
        ];
    }
}

using System.Text.Json;

namespace MspSupport.Infra.Tests;

/// <summary>
/// Walks IAM policy documents for data actions (DynamoDB, S3, OpenSearch Serverless, Bedrock) allowed on a
/// wildcard. The one wildcard allowed is S3's "every object in this bucket (under this prefix)" suffix,
/// <c>{bucket ARN}/*</c> or <c>{bucket ARN}/prefix/*</c>.
/// </summary>
internal static partial class PolicyFindings
{
    private static readonly string[] DataServices = ["dynamodb:", "s3:", "aoss:", "bedrock:"];

    public static IEnumerable<string> WildcardDataGrants(JsonElement document)
    {
        foreach (var statement in document.GetProperty("Statement").Items())
        {
            if (statement.Str("Effect") != "Allow")
            {
                continue;
            }

            var actions = statement.GetProperty("Action").Items().Select(a => a.GetString()!).ToList();
            foreach (var action in actions.Where(a => DataServices.Any(s => a.StartsWith(s, StringComparison.Ordinal))))
            {
                if (action.EndsWith(":*", StringComparison.Ordinal))
                {
                    yield return $"{action}: every action of the service";
                }

                foreach (var resource in statement.GetProperty("Resource").Items())
                {
                    var raw = resource.Raw();
                    // An object ARN under one named bucket is the narrowest S3 object grant there is.
                    var rest = action.StartsWith("s3:", StringComparison.Ordinal) ? ObjectSuffix().Replace(raw, "\"\"") : raw;
                    if (rest.Contains('*', StringComparison.Ordinal))
                    {
                        yield return $"{action} on {raw}";
                    }
                }
            }
        }
    }

    public static IEnumerable<(string Stack, string Id, JsonElement Document)> Documents(TemplateJson template, string stack)
    {
        foreach (var (id, policy) in template.Resources("AWS::IAM::Policy"))
        {
            yield return (stack, id, policy.GetProperty("Properties").GetProperty("PolicyDocument"));
        }

        foreach (var (id, role) in template.Resources("AWS::IAM::Role"))
        {
            if (role.GetProperty("Properties").TryGetProperty("Policies", out var inline))
            {
                foreach (var policy in inline.EnumerateArray())
                {
                    yield return (stack, id, policy.GetProperty("PolicyDocument"));
                }
            }
        }
    }

    /// <summary>A template string that ends an object ARN: <c>"/*"</c> or <c>"/some/prefix/*"</c>, and nothing else starred.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("\"/(?:[A-Za-z0-9_.-]+/)*\\*\"")]
    private static partial System.Text.RegularExpressions.Regex ObjectSuffix();
}

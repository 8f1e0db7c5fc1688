using System.Globalization;
using System.Text.Json;

namespace MspSupport.Infra.Tests;

/// <summary>
/// Turns template values into the strings CloudFormation would put there, with placeholders where only a deploy can
/// tell: a <c>Ref</c> to a resource with a fixed name (a table's <c>TableName</c>) becomes that name, any other
/// <c>Ref</c> the logical id in lower case (a valid bucket name), an endpoint or URL attribute an https URL. <c>Fn::ImportValue</c> is followed to the exporting stack's output, so a value that
/// crosses stacks comes out as the resource it names there.
/// </summary>
internal sealed class TemplateValues(SynthesizedEnvironment environment)
{
    public static string Ref(string logicalId) => logicalId.ToLowerInvariant();

    public static string Attribute(string logicalId, string attribute) =>
        attribute.EndsWith("Endpoint", StringComparison.Ordinal) || attribute.EndsWith("Url", StringComparison.Ordinal)
            ? $"https://{logicalId.ToLowerInvariant()}.{attribute.ToLowerInvariant()}.example"
            : $"{logicalId}-{attribute}".ToLowerInvariant();

    /// <summary>Resolves a value of <paramref name="template"/>'s resources or outputs.</summary>
    public string Resolve(JsonElement value, TemplateJson template)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString()!;
        }

        if (value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetRawText();
        }

        var function = Assert.Single(value.EnumerateObject());
        return function.Name switch
        {
            "Ref" => Reference(function.Value.GetString()!, template),
            "Fn::GetAtt" => Attribute(function.Value[0].GetString()!, function.Value[1].GetString()!),
            "Fn::Join" => string.Join(function.Value[0].GetString(), function.Value[1].EnumerateArray().Select(v => Resolve(v, template))),
            "Fn::ImportValue" => Import(function.Value.GetString()!),
            _ => throw new InvalidOperationException($"No placeholder for {function.Name}: {value.GetRawText()}"),
        };
    }

    private string Import(string exportName)
    {
        foreach (var template in environment.All)
        {
            if (!template.Root.TryGetProperty("Outputs", out var outputs))
            {
                continue;
            }

            foreach (var output in outputs.EnumerateObject())
            {
                if (output.Value.TryGetProperty("Export", out var export) && Resolve(export.GetProperty("Name"), template) == exportName)
                {
                    return Resolve(output.Value.GetProperty("Value"), template);
                }
            }
        }

        throw new InvalidOperationException($"No stack exports {exportName}.");
    }

    private string Reference(string name, TemplateJson template)
    {
        if (name.StartsWith("AWS::", StringComparison.Ordinal))
        {
            return Pseudo(name);
        }

        var resource = template.Root.GetProperty("Resources").GetProperty(name);
        var type = resource.Str("Type");
        var properties = resource.TryGetProperty("Properties", out var p) ? p : default;
        var fixedName = type switch
        {
            "AWS::DynamoDB::Table" => "TableName",
            "AWS::S3::Bucket" => "BucketName",
            _ => null,
        };
        return fixedName is not null && properties.Has(fixedName) ? Resolve(properties.GetProperty(fixedName), template) : Ref(name);
    }

    private string Pseudo(string name) => name switch
    {
        "AWS::Region" => environment.Settings.Region ?? TestSettings.Region,
        "AWS::AccountId" => environment.Settings.Account ?? TestSettings.Account,
        "AWS::Partition" => "aws",
        "AWS::URLSuffix" => "amazonaws.com",
        _ => throw new InvalidOperationException($"No placeholder for {name}."),
    };

    /// <summary>What a secret holds once the deployer has put the real value in: 64 characters, unique per setting.</summary>
    public static string SecretValue(string setting) =>
        string.Create(CultureInfo.InvariantCulture, $"secret-{setting}-").PadRight(BotStack.KeyLength, 'x');
}

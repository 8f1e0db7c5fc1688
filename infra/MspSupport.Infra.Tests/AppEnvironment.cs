using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace MspSupport.Infra.Tests;

/// <summary>
/// The environment a deployed host would see, read back from the synthesized templates: plain variables resolved
/// by <see cref="TemplateValues"/>, Secrets Manager references replaced by stand-in secret values.
/// </summary>
internal static class AppEnvironment
{
    public static Dictionary<string, string> Bot(SynthesizedEnvironment environment)
    {
        var values = new TemplateValues(environment);
        var image = environment.Bot.One("AWS::AppRunner::Service")
            .GetProperty("SourceConfiguration").GetProperty("ImageRepository").GetProperty("ImageConfiguration");
        var variables = image.GetProperty("RuntimeEnvironmentVariables").EnumerateArray()
            .ToDictionary(v => v.Str("Name"), v => values.Resolve(v.GetProperty("Value"), environment.Bot), StringComparer.Ordinal);
        foreach (var secret in image.GetProperty("RuntimeEnvironmentSecrets").EnumerateArray())
        {
            variables.Add(secret.Str("Name"), TemplateValues.SecretValue(secret.Str("Name")));
        }

        return variables;
    }

    public static Dictionary<string, string> Function(SynthesizedEnvironment environment)
    {
        var values = new TemplateValues(environment);
        return environment.TicketApi.One("AWS::Lambda::Function").GetProperty("Environment").GetProperty("Variables").EnumerateObject()
            .ToDictionary(v => v.Name, v => values.Resolve(v.Value, environment.TicketApi), StringComparer.Ordinal);
    }

    /// <summary>What the host's environment-variables configuration source makes of them: <c>__</c> reads as <c>:</c>.</summary>
    public static IConfiguration Configuration(IReadOnlyDictionary<string, string> variables) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(variables.Select(v => KeyValuePair.Create(v.Key.Replace("__", ":", StringComparison.Ordinal), (string?)v.Value)))
            .Build();

    public static string LogicalId(TemplateJson template, string type, Func<string, JsonElement, bool> match) =>
        Assert.Single(template.Resources(type), r => match(r.Id, r.Resource.GetProperty("Properties"))).Id;
}

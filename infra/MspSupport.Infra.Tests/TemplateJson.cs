using System.Text.Json;
using Amazon.CDK.Assertions;

namespace MspSupport.Infra.Tests;

/// <summary>A synthesized CloudFormation template as JSON, with the look-ups the tests share.</summary>
public sealed class TemplateJson
{
    public TemplateJson(Template template)
    {
        Template = template;
        Root = JsonDocument.Parse(JsonSerializer.Serialize(template.ToJSON())).RootElement.Clone();
    }

    /// <summary>The CDK assertions view of the same template, for Match-based checks.</summary>
    public Template Template { get; }

    public JsonElement Root { get; }

    public IReadOnlyList<(string Id, JsonElement Resource)> Resources(string type) =>
        [.. Root.GetProperty("Resources").EnumerateObject()
            .Where(r => r.Value.GetProperty("Type").GetString() == type)
            .Select(r => (r.Name, r.Value))];

    /// <summary>The properties of the one resource of a type; fails when there are none or several.</summary>
    public JsonElement One(string type) => Assert.Single(Resources(type)).Resource.GetProperty("Properties");

    public JsonElement Properties(string type, Func<JsonElement, bool> match) =>
        Assert.Single(Resources(type), r => match(r.Resource.GetProperty("Properties"))).Resource.GetProperty("Properties");
}

using System.Text.Json.Nodes;

namespace MspSupport.Bot.Tests.Handoff;

internal static class JsonObjectExtensions
{
    /// <summary>Sets <paramref name="key"/> and returns the same object, for building card data inline.</summary>
    public static JsonObject Also(this JsonObject value, string key, string text)
    {
        value[key] = text;
        return value;
    }
}

using System.Text.Json;

namespace MspSupport.Infra.Tests;

/// <summary>Small readers for template JSON, where a value may be a string or an intrinsic function.</summary>
internal static class JsonText
{
    public static string Str(this JsonElement element, string name) => element.GetProperty(name).GetString()!;

    public static IReadOnlyList<JsonElement> Items(this JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? [.. element.EnumerateArray()] : [element];

    /// <summary>The raw JSON, for checks on values built from Fn::Join and references.</summary>
    public static string Raw(this JsonElement element) => element.GetRawText();

    public static bool Has(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out _);
}

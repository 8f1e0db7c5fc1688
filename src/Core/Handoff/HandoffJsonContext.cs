using System.Text.Json.Serialization;

namespace MspSupport.Core.Handoff;

/// <summary>Source-generated JSON for handoff cases as the stores keep them.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(HandoffCase))]
internal sealed partial class HandoffJsonContext : JsonSerializerContext;

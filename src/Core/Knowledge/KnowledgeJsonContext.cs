using System.Text.Json.Serialization;

namespace MspSupport.Core.Knowledge;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(IngestManifest))]
internal sealed partial class KnowledgeJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace MspSupport.Bot.Channels.Slack;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(StoredInstallation))]
internal sealed partial class SlackInstallationsJsonContext : JsonSerializerContext;

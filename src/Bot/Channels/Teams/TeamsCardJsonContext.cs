using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MspSupport.Bot.Channels.Teams;

[JsonSerializable(typeof(JsonObject))]
internal sealed partial class TeamsCardJsonContext : JsonSerializerContext;

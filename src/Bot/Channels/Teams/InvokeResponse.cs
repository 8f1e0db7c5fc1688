using System.Text.Json;

namespace MspSupport.Bot.Channels.Teams;

/// <summary>The synchronous answer to an invoke activity, e.g. a refreshed Adaptive Card for <c>adaptiveCard/action</c>.</summary>
public sealed record InvokeResponse(int Status, JsonElement? Body);

using System.Text.Json.Serialization;

namespace MspSupport.Core.Agent;

/// <summary>What the agent tells a channel while it answers a turn; adapters turn each into their own format.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TypingEvent), "typing")]
[JsonDerivedType(typeof(TextDeltaEvent), "textDelta")]
[JsonDerivedType(typeof(TextEvent), "text")]
[JsonDerivedType(typeof(NoticeEvent), "notice")]
[JsonDerivedType(typeof(CardEvent), "card")]
[JsonDerivedType(typeof(CitationsEvent), "citations")]
[JsonDerivedType(typeof(RouteEvent), "route")]
public abstract record AgentEvent;

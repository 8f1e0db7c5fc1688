namespace MspSupport.Testing.Fakes;

/// <summary>What the Bedrock stand-in's model answers next: text, or one tool call with its JSON input.</summary>
public sealed record BedrockReply(string? Text, string? ToolName = null, string? ToolInputJson = null)
{
    public static BedrockReply Say(string text) => new(text);

    public static BedrockReply Call(string tool, string inputJson) => new(null, tool, inputJson);
}

namespace MspSupport.Testing.Fakes;

/// <summary>What the Bedrock stand-in's model answers next: text, or one tool call with its JSON input.</summary>
public sealed record BedrockReply(string? Text, string? ToolName = null, string? ToolInputJson = null, int Status = 200)
{
    /// <summary>An error as Bedrock sends it, e.g. 429 ThrottlingException or 503 ServiceUnavailableException.</summary>
    public static BedrockReply Fail(int status) => new(null, Status: status);

    public static BedrockReply Say(string text) => new(text);

    public static BedrockReply Call(string tool, string inputJson) => new(null, tool, inputJson);
}

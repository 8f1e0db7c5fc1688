namespace MspSupport.Infra;

/// <summary>The Bedrock models the bot calls; the bot's role may invoke these and no others.</summary>
public sealed record ModelIds
{
    public string CheapChat { get; init; } = "anthropic.claude-3-haiku-20240307-v1:0";
    public string CapableChat { get; init; } = "anthropic.claude-3-5-sonnet-20240620-v1:0";
    public string Embedding { get; init; } = "amazon.titan-embed-text-v2:0";

    public IReadOnlyList<string> All => [CheapChat, CapableChat, Embedding];
}

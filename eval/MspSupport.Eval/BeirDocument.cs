namespace MspSupport.Eval;

public sealed record BeirDocument(string Id, string Title, string Text);

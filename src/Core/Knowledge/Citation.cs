namespace MspSupport.Core.Knowledge;

/// <summary>Where an answer's passage comes from, ready to show to a user.</summary>
/// <param name="Link">An absolute URL when <c>Knowledge:SourceBaseUrl</c> is set, else the relative source path.</param>
public sealed record Citation(string Title, string SectionPath, string SourcePath, string Link);

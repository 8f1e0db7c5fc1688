using Lucene.Net.Documents;

namespace MspSupport.Core.Knowledge;

/// <summary>The Lucene document layout of a chunk, written and read in one place.</summary>
internal static class LexicalFields
{
    public const string Id = "id";
    public const string Source = "source";
    public const string Title = "title";
    public const string Section = "section";
    public const string SectionPath = "sectionPath";
    public const string Body = "body";
    public const string Category = "category";
    public const string CategoryKey = "categoryKey";
    public const string Tag = "tag";
    public const string TagKey = "tagKey";
    public const string Ordinal = "ordinal";

    public static string Key(string value) => value.Trim().ToLowerInvariant();

    public static Document ToDocument(KnowledgeChunk chunk)
    {
        // The section field holds only the headings below the title, so the title is not counted twice.
        var headings = chunk.SectionPath.Length > chunk.Title.Length && chunk.SectionPath.StartsWith(chunk.Title, StringComparison.Ordinal)
            ? chunk.SectionPath[chunk.Title.Length..].Replace(MarkdownChunker.PathSeparator, " ", StringComparison.Ordinal)
            : string.Empty;
        var document = new Document
        {
            new StringField(Id, chunk.Id, Field.Store.YES),
            new StringField(Source, chunk.SourcePath, Field.Store.YES),
            new TextField(Title, chunk.Title, Field.Store.YES),
            new TextField(Section, headings, Field.Store.NO),
            new StoredField(SectionPath, chunk.SectionPath),
            new TextField(Body, chunk.Text, Field.Store.YES),
            new StoredField(Ordinal, chunk.Ordinal),
        };
        if (chunk.Category is { Length: > 0 } category)
        {
            document.Add(new StoredField(Category, category));
            document.Add(new StringField(CategoryKey, Key(category), Field.Store.NO));
        }

        foreach (var tag in chunk.Tags)
        {
            document.Add(new StoredField(Tag, tag));
            document.Add(new StringField(TagKey, Key(tag), Field.Store.NO));
        }

        return document;
    }

    public static KnowledgeChunk ToChunk(Document document) => new(
        document.Get(Id),
        document.Get(Source),
        document.Get(Title),
        document.Get(SectionPath),
        document.Get(Category),
        document.GetValues(Tag) ?? [],
        document.Get(Body),
        document.GetField(Ordinal)?.GetInt32Value() ?? 0);
}

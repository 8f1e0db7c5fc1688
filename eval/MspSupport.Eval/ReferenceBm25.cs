using Lucene.Net.Analysis.En;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace MspSupport.Eval;

/// <summary>
/// The data set README's reference configuration, reproduced as written: EnglishAnalyzer, BM25(k1 0.9, b 0.4)
/// at index and search time, title and text as one field, the query escaped and parsed by the classic
/// QueryParser (OR of terms). It checks that our Lucene set-up and metric code agree with the published figure
/// before we trust numbers from our own configuration.
/// </summary>
public sealed class ReferenceBm25 : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string Field = "contents";

    private readonly RAMDirectory _directory = new();
    private readonly EnglishAnalyzer _analyzer = new(Version);
    private readonly BM25Similarity _similarity = new(0.9f, 0.4f);
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    public ReferenceBm25(IEnumerable<BeirDocument> corpus)
    {
        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(Version, _analyzer) { Similarity = _similarity }))
        {
            foreach (var document in corpus)
            {
                writer.AddDocument(new Document
                {
                    new StringField("id", document.Id, Lucene.Net.Documents.Field.Store.YES),
                    new TextField(Field, document.Title + " " + document.Text, Lucene.Net.Documents.Field.Store.NO),
                });
            }

            writer.Commit();
        }

        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = _similarity };
    }

    public IReadOnlyList<string> Search(string query, int top)
    {
        var parser = new QueryParser(Version, Field, _analyzer);
        var parsed = parser.Parse(QueryParserBase.Escape(query));
        return _searcher.Search(parsed, top).ScoreDocs.Select(hit => _searcher.Doc(hit.Doc).Get("id")).ToArray();
    }

    public void Dispose()
    {
        _reader.Dispose();
        _analyzer.Dispose();
        _directory.Dispose();
    }
}

using System.Collections.Concurrent;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace MspSupport.Core.Knowledge;

/// <summary>
/// BM25 over chunks with Lucene.Net: title, section headings and body are separate fields so the title can be
/// boosted at query time. Writers are opened per batch and closed again, so an ingest run in another process
/// and a running bot can share the folder; readers follow commits through a <see cref="SearcherManager"/>.
/// </summary>
public sealed class LexicalIndex : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const int MaxQueryChars = 1000;

    private readonly LuceneDirectory _directory;
    private readonly Analyzer _analyzer = new EnglishAnalyzer(Version);
    private readonly Similarity _similarity;
    private readonly Dictionary<string, float> _boosts;
    private readonly System.Threading.Lock _gate = new();
    private readonly ConcurrentDictionary<string, Filter> _filters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long Version, IReadOnlySet<string> Ids)> _filterIds = new(StringComparer.Ordinal);
    private SearcherManager? _searchers;

    public LexicalIndex(LexicalIndexSettings settings, string? folder = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _directory = folder is null ? new RAMDirectory() : FSDirectory.Open(folder);
        _similarity = new BM25Similarity(settings.K1, settings.B);
        _boosts = new Dictionary<string, float>
        {
            [LexicalFields.Title] = settings.TitleBoost,
            [LexicalFields.Section] = settings.SectionBoost,
            [LexicalFields.Body] = 1f,
        };
    }

    public int Count
    {
        get
        {
            var manager = Searchers();
            if (manager is null)
            {
                return 0;
            }

            var searcher = manager.Acquire();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                manager.Release(searcher);
            }
        }
    }

    /// <summary>Removes every chunk of <paramref name="removeSources"/>, adds <paramref name="add"/>, and commits once.</summary>
    public void Write(IEnumerable<string> removeSources, IEnumerable<KnowledgeChunk> add)
    {
        ArgumentNullException.ThrowIfNull(removeSources);
        ArgumentNullException.ThrowIfNull(add);
        var config = new IndexWriterConfig(Version, _analyzer)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            Similarity = _similarity,
            RAMBufferSizeMB = 64,
        };
        using (var writer = new IndexWriter(_directory, config))
        {
            foreach (var source in removeSources)
            {
                writer.DeleteDocuments(new Term(LexicalFields.Source, source));
            }

            foreach (var chunk in add)
            {
                writer.AddDocument(LexicalFields.ToDocument(chunk));
            }

            writer.Commit();
        }

        Searchers()?.MaybeRefreshBlocking();
    }

    public IReadOnlyList<ScoredChunk> Search(string query, KnowledgeFilter? filter, int top)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var manager = Searchers();
        var parsed = Parse(query);
        if (manager is null || parsed is null)
        {
            return [];
        }

        var searcher = manager.Acquire();
        try
        {
            var hits = searcher.Search(parsed, LuceneFilter(filter), top);
            return hits.ScoreDocs.Select(hit => new ScoredChunk(LexicalFields.ToChunk(searcher.Doc(hit.Doc)), hit.Score)).ToArray();
        }
        finally
        {
            manager.Release(searcher);
        }
    }

    /// <summary>The chunks with these ids, in the given order; ids not in the index are left out.</summary>
    public IReadOnlyList<KnowledgeChunk> Get(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var manager = Searchers();
        if (manager is null)
        {
            return [];
        }

        var searcher = manager.Acquire();
        try
        {
            var chunks = new List<KnowledgeChunk>();
            foreach (var id in ids)
            {
                var hit = searcher.Search(new TermQuery(new Term(LexicalFields.Id, id)), 1).ScoreDocs.FirstOrDefault();
                if (hit is not null)
                {
                    chunks.Add(LexicalFields.ToChunk(searcher.Doc(hit.Doc)));
                }
            }

            return chunks;
        }
        finally
        {
            manager.Release(searcher);
        }
    }

    /// <summary>
    /// Ids of every chunk the filter lets through; dense search uses it to apply the same filter. Cached per
    /// filter until the index changes, since collecting the ids of a large category is the expensive part.
    /// </summary>
    public IReadOnlySet<string> IdsMatching(KnowledgeFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var manager = Searchers();
        if (manager is null)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        var searcher = manager.Acquire();
        try
        {
            var version = searcher.IndexReader is DirectoryReader directoryReader ? directoryReader.Version : -1;
            var key = FilterKey(filter);
            if (_filterIds.TryGetValue(key, out var cached) && cached.Version == version)
            {
                return cached.Ids;
            }

            var ids = new HashSet<string>(StringComparer.Ordinal);
            var hits = searcher.Search(new ConstantScoreQuery(FilterQuery(filter)), Math.Max(searcher.IndexReader.MaxDoc, 1));
            foreach (var hit in hits.ScoreDocs)
            {
                ids.Add(searcher.Doc(hit.Doc).Get(LexicalFields.Id));
            }

            if (_filterIds.Count > 256)
            {
                _filterIds.Clear();
            }

            _filterIds[key] = (version, ids);
            return ids;
        }
        finally
        {
            manager.Release(searcher);
        }
    }

    public void Dispose()
    {
        _searchers?.Dispose();
        _analyzer.Dispose();
        _directory.Dispose();
    }

    /// <summary>
    /// One flat disjunction of boosted term queries, every analyzed query term in every field. With BM25 (coord and
    /// query norm are 1) this scores exactly as the classic parser's nested per-term groups, and Lucene can score
    /// it with its bulk disjunction scorer: about half the work per query on 100,000 chunks (docs/benchmarks.md).
    /// User text is never parsed as syntax, so "C++" or "a:b" are plain words.
    /// </summary>
    private BooleanQuery? Parse(string query)
    {
        var text = query.Length > MaxQueryChars ? query[..MaxQueryChars] : query;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parsed = new BooleanQuery(disableCoord: true);
        foreach (var (field, boost) in _boosts)
        {
            using var stream = _analyzer.GetTokenStream(field, text);
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken() && parsed.Clauses.Count < BooleanQuery.MaxClauseCount)
            {
                parsed.Add(new TermQuery(new Term(field, term.ToString())) { Boost = boost }, Occur.SHOULD);
            }

            stream.End();
        }

        return parsed.Clauses.Count == 0 ? null : parsed;
    }

    /// <summary>A caching filter per distinct filter: Lucene keeps its bit set per segment, so repeated filters cost a lookup.</summary>
    private Filter? LuceneFilter(KnowledgeFilter? filter)
    {
        if (filter is null || filter.IsEmpty)
        {
            return null;
        }

        if (_filters.Count > 256)
        {
            _filters.Clear();
        }

        return _filters.GetOrAdd(FilterKey(filter), _ => new CachingWrapperFilter(new QueryWrapperFilter(FilterQuery(filter))));
    }

    private static string FilterKey(KnowledgeFilter filter) =>
        LexicalFields.Key(filter.Category ?? string.Empty) + "\n" + string.Join('\n', filter.Tags.Select(LexicalFields.Key).Order(StringComparer.Ordinal));

    private static BooleanQuery FilterQuery(KnowledgeFilter filter)
    {
        var query = new BooleanQuery();
        if (!string.IsNullOrWhiteSpace(filter.Category))
        {
            query.Add(new TermQuery(new Term(LexicalFields.CategoryKey, LexicalFields.Key(filter.Category))), Occur.MUST);
        }

        foreach (var tag in filter.Tags)
        {
            query.Add(new TermQuery(new Term(LexicalFields.TagKey, LexicalFields.Key(tag))), Occur.MUST);
        }

        if (query.Clauses.Count == 0)
        {
            query.Add(new MatchAllDocsQuery(), Occur.MUST);
        }

        return query;
    }

    private SearcherManager? Searchers()
    {
        if (_searchers is not null)
        {
            return _searchers;
        }

        lock (_gate)
        {
            if (_searchers is null && DirectoryReader.IndexExists(_directory))
            {
                _searchers = new SearcherManager(_directory, new Bm25SearcherFactory(_similarity));
            }

            return _searchers;
        }
    }

    private sealed class Bm25SearcherFactory(Similarity similarity) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = similarity };
    }
}

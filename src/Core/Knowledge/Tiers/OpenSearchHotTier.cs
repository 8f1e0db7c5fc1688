using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Amazon.Runtime;
using Microsoft.Extensions.Options;
using MspSupport.Core.Aws;

namespace MspSupport.Core.Knowledge.Tiers;

/// <summary>
/// The hot tier: an OpenSearch Serverless vector collection spoken to over its REST API (the OpenSearch .NET client
/// is not available here). Index mapping with a <c>knn_vector</c> field (hnsw, cosinesimil), NDJSON <c>_bulk</c>
/// writes, <c>knn</c> queries with filters; every request SigV4-signed for service <c>aoss</c>. Documents get
/// server-side ids, because Serverless vector collections do not accept custom ids; removal finds them by source.
/// </summary>
public sealed class OpenSearchHotTier : IVectorTier
{
    private const string VectorField = "embedding";

    private readonly HttpClient _http;
    private readonly OpenSearchHotTierOptions _options;
    private readonly AWSCredentials? _credentials;
    private readonly TimeProvider _time;
    private readonly Uri _endpoint;

    public OpenSearchHotTier(HttpClient http, IOptions<OpenSearchHotTierOptions> options, AWSCredentials? credentials = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options.Value;
        _credentials = credentials;
        _time = time ?? TimeProvider.System;
        _endpoint = new Uri((_options.Endpoint ?? throw new InvalidOperationException("Knowledge:Hot:Endpoint is not set.")).TrimEnd('/') + "/");
    }

    public string Name => "hot";

    /// <summary>Creates the index with its k-NN mapping unless it exists.</summary>
    public async Task EnsureIndexAsync(CancellationToken cancellationToken)
    {
        using (var head = await SendAsync(HttpMethod.Head, _options.IndexName, null, null, cancellationToken))
        {
            if (head.IsSuccessStatusCode)
            {
                return;
            }
        }

        var body = Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("settings");
            writer.WriteStartObject("index");
            writer.WriteBoolean("knn", true);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteStartObject("mappings");
            writer.WriteStartObject("properties");
            writer.WriteStartObject(VectorField);
            writer.WriteString("type", "knn_vector");
            writer.WriteNumber("dimension", _options.Dimensions);
            writer.WriteStartObject("method");
            writer.WriteString("name", "hnsw");
            writer.WriteString("space_type", "cosinesimil");
            writer.WriteString("engine", _options.Engine);
            writer.WriteEndObject();
            writer.WriteEndObject();
            foreach (var (name, type) in new[] { ("chunkId", "keyword"), ("source", "keyword"), ("title", "text"), ("sectionPath", "text"), ("text", "text"), ("category", "keyword"), ("tags", "keyword"), ("ordinal", "integer") })
            {
                writer.WriteStartObject(name);
                writer.WriteString("type", type);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
        using var response = await SendAsync(HttpMethod.Put, _options.IndexName, body, "application/json", cancellationToken);
        await EnsureSuccessAsync(response, "create index", cancellationToken);
    }

    /// <summary>Adds chunks with their vectors through <c>_bulk</c>, <c>BulkSize</c> documents per request.</summary>
    public async Task IndexAsync(IEnumerable<(KnowledgeChunk Chunk, ReadOnlyMemory<float> Vector)> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var batch in rows.Chunk(_options.BulkSize))
        {
            var body = Ndjson(batch, (writer, row) =>
            {
                writer.WriteStartObject();
                writer.WriteStartObject("index");
                writer.WriteString("_index", _options.IndexName);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }, WriteDocument);
            await BulkAsync(body, cancellationToken);
        }
    }

    /// <summary>Deletes every document of these sources: a term search for their ids, then <c>_bulk</c> deletes.</summary>
    public async Task RemoveSourcesAsync(IEnumerable<string> sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        foreach (var source in sources)
        {
            var query = Json(writer =>
            {
                writer.WriteStartObject();
                writer.WriteNumber("size", 10_000);
                writer.WriteBoolean("_source", false);
                writer.WriteStartObject("query");
                writer.WriteStartObject("term");
                writer.WriteString("source", source);
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteEndObject();
            });
            using var response = await SendAsync(HttpMethod.Post, $"{_options.IndexName}/_search", query, "application/json", cancellationToken);
            await EnsureSuccessAsync(response, "find documents to delete", cancellationToken);
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            var ids = document.RootElement.GetProperty("hits").GetProperty("hits").EnumerateArray().Select(hit => hit.GetProperty("_id").GetString()!).ToArray();
            if (ids.Length == 0)
            {
                continue;
            }

            var body = Ndjson(ids, (writer, id) =>
            {
                writer.WriteStartObject();
                writer.WriteStartObject("delete");
                writer.WriteString("_index", _options.IndexName);
                writer.WriteString("_id", id);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }, null);
            await BulkAsync(body, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<ScoredChunk>> SearchAsync(ReadOnlyMemory<float> query, KnowledgeFilter filter, int top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var body = Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("size", top);
            writer.WriteStartObject("_source");
            writer.WriteStartArray("excludes");
            writer.WriteStringValue(VectorField);
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteStartObject("query");
            writer.WriteStartObject("knn");
            writer.WriteStartObject(VectorField);
            writer.WriteStartArray("vector");
            foreach (var value in query.Span)
            {
                writer.WriteNumberValue(value);
            }

            writer.WriteEndArray();
            writer.WriteNumber("k", top);
            if (!filter.IsEmpty)
            {
                WriteFilter(writer, filter);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
        using var response = await SendAsync(HttpMethod.Post, $"{_options.IndexName}/_search", body, "application/json", cancellationToken);
        await EnsureSuccessAsync(response, "k-NN search", cancellationToken);
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return document.RootElement.GetProperty("hits").GetProperty("hits").EnumerateArray()
            .Select(hit => new ScoredChunk(ReadChunk(hit.GetProperty("_source")), hit.GetProperty("_score").GetSingle()))
            .ToArray();
    }

    private static void WriteFilter(Utf8JsonWriter writer, KnowledgeFilter filter)
    {
        // Efficient k-NN filtering: the filter sits inside the knn clause, so k hits come back that all pass it.
        writer.WriteStartObject("filter");
        writer.WriteStartObject("bool");
        writer.WriteStartArray("filter");
        if (!string.IsNullOrWhiteSpace(filter.Category))
        {
            WriteTerm(writer, "category", filter.Category);
        }

        foreach (var tag in filter.Tags)
        {
            WriteTerm(writer, "tags", tag);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteTerm(Utf8JsonWriter writer, string field, string value)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("term");
        writer.WriteString(field, value);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteDocument(Utf8JsonWriter writer, (KnowledgeChunk Chunk, ReadOnlyMemory<float> Vector) row)
    {
        var chunk = row.Chunk;
        writer.WriteStartObject();
        writer.WriteString("chunkId", chunk.Id);
        writer.WriteString("source", chunk.SourcePath);
        writer.WriteString("title", chunk.Title);
        writer.WriteString("sectionPath", chunk.SectionPath);
        writer.WriteString("text", chunk.Text);
        if (chunk.Category is not null)
        {
            writer.WriteString("category", chunk.Category);
        }

        writer.WriteStartArray("tags");
        foreach (var tag in chunk.Tags)
        {
            writer.WriteStringValue(tag);
        }

        writer.WriteEndArray();
        writer.WriteNumber("ordinal", chunk.Ordinal);
        writer.WriteStartArray(VectorField);
        foreach (var value in row.Vector.Span)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static KnowledgeChunk ReadChunk(JsonElement source) => new(
        source.GetProperty("chunkId").GetString()!,
        source.GetProperty("source").GetString()!,
        source.GetProperty("title").GetString()!,
        source.GetProperty("sectionPath").GetString()!,
        source.TryGetProperty("category", out var category) ? category.GetString() : null,
        source.TryGetProperty("tags", out var tags) ? [.. tags.EnumerateArray().Select(tag => tag.GetString()!)] : [],
        source.GetProperty("text").GetString()!,
        source.TryGetProperty("ordinal", out var ordinal) ? ordinal.GetInt32() : 0);

    private async Task BulkAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, "_bulk", body, "application/x-ndjson", cancellationToken);
        await EnsureSuccessAsync(response, "bulk", cancellationToken);
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);

        // _bulk answers 200 even when items fail; the per-item errors are in the body.
        if (document.RootElement.TryGetProperty("errors", out var errors) && errors.GetBoolean())
        {
            var first = document.RootElement.GetProperty("items").EnumerateArray()
                .Select(item => item.EnumerateObject().First().Value)
                .FirstOrDefault(result => result.TryGetProperty("error", out _));
            throw new HttpRequestException($"OpenSearch bulk request had failures; first: {(first.ValueKind == JsonValueKind.Undefined ? "unknown" : first.GetProperty("error").ToString())}");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, byte[]? body, string? contentType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_endpoint, path));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType!);
        }

        if (_credentials is not null && !string.IsNullOrWhiteSpace(_options.Region))
        {
            var credentials = await _credentials.GetCredentialsAsync();
            SigV4Signer.Sign(request, body ?? [], credentials, _options.Region, _options.SigningService, _time.GetUtcNow(), addContentSha256: true);
        }

        return await _http.SendAsync(request, cancellationToken);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var detail = response.StatusCode == HttpStatusCode.NotFound ? string.Empty : await response.Content.ReadAsStringAsync(cancellationToken);
        throw new HttpRequestException($"OpenSearch {what} returned {(int)response.StatusCode}: {detail}", null, response.StatusCode);
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Newline-delimited JSON as <c>_bulk</c> wants it: an action line, an optional source line, and a final newline.</summary>
    private static byte[] Ndjson<T>(IEnumerable<T> items, Action<Utf8JsonWriter, T> action, Action<Utf8JsonWriter, T>? source)
    {
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var item in items)
        {
            foreach (var part in source is null ? [action] : new[] { action, source })
            {
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    part(writer, item);
                }

                buffer.Write("\n"u8);
            }
        }

        return buffer.WrittenSpan.ToArray();
    }
}

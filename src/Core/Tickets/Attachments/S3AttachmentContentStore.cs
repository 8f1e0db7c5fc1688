using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace MspSupport.Core.Tickets.Attachments;

/// <summary>Attached files in S3 (the AWS deployment), under <c>Tickets:Attachments:S3Prefix</c>.</summary>
public sealed class S3AttachmentContentStore(IAmazonS3 s3, IOptions<AttachmentOptions> options) : IAttachmentContentStore
{
    private readonly AttachmentOptions _options = options.Value;

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(content.ToArray(), writable: false);
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _options.S3Bucket,
            Key = _options.S3Prefix + key,
            InputStream = body,
            ContentType = contentType,
            AutoCloseStream = false,
            // One signed body, not aws-chunked: S3-compatible stores (s3rver, MinIO gateways) do not all decode chunked uploads.
            UseChunkEncoding = false,
        }, cancellationToken);
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(_options.S3Bucket, _options.S3Prefix + key, cancellationToken);
            using var copy = new MemoryStream();
            await response.ResponseStream.CopyToAsync(copy, cancellationToken);
            return copy.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        s3.DeleteObjectAsync(_options.S3Bucket, _options.S3Prefix + key, cancellationToken);
}

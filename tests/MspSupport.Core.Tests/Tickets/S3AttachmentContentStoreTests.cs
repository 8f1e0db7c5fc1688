using Microsoft.Extensions.Options;
using MspSupport.Core.Tickets.Attachments;
using MspSupport.Testing.S3rver;

namespace MspSupport.Core.Tests.Tickets;

/// <summary>The S3 content store against s3rver: bytes in, the same bytes out, gone after delete.</summary>
public sealed class S3AttachmentContentStoreTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [Fact]
    public async Task Stores_reads_and_deletes_under_the_prefix()
    {
        var store = new S3AttachmentContentStore(s3.Client, Options.Create(new AttachmentOptions { S3Bucket = S3rverFixture.BucketName, S3Prefix = "files/" }));
        var key = $"2026/11/A-{Guid.NewGuid():N}";

        await store.PutAsync(key, TicketAttachmentTests.PngBytes, "image/png", default);
        var read = await store.GetAsync(key, default);
        var listed = await s3.Client.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = S3rverFixture.BucketName, Prefix = "files/" + key });
        await store.DeleteAsync(key, default);

        Assert.Equal(TicketAttachmentTests.PngBytes, read);
        Assert.Single(listed.S3Objects);
        Assert.Null(await store.GetAsync(key, default));
        Assert.Null(await store.GetAsync("2026/11/A-missing", default));
    }
}

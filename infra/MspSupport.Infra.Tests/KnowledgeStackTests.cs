using System.Text.Json;

namespace MspSupport.Infra.Tests;

[Collection(SynthesisCollection.Name)]
public sealed class KnowledgeStackTests(SynthesizedApps apps)
{
    [Fact]
    public void Collection_is_a_vector_search_collection_covered_by_encryption_and_network_policies()
    {
        var knowledge = apps.Demo.Knowledge;

        var collection = knowledge.One("AWS::OpenSearchServerless::Collection");
        Assert.Equal("VECTORSEARCH", collection.Str("Type"));
        var name = collection.Str("Name");
        var policies = knowledge.Resources("AWS::OpenSearchServerless::SecurityPolicy")
            .ToDictionary(p => p.Resource.GetProperty("Properties").Str("Type"), p => p.Resource.GetProperty("Properties").Str("Policy"));
        Assert.Equal(["encryption", "network"], policies.Keys.Order());
        Assert.All(policies.Values, p => Assert.Contains($"collection/{name}", p, StringComparison.Ordinal));
        var collectionResource = Assert.Single(knowledge.Resources("AWS::OpenSearchServerless::Collection")).Resource;
        Assert.Equal(2, collectionResource.GetProperty("DependsOn").GetArrayLength());
    }

    [Fact]
    public void Demo_collection_runs_without_standby_replicas_and_production_with_them()
    {
        Assert.Equal("DISABLED", apps.Demo.Knowledge.One("AWS::OpenSearchServerless::Collection").Str("StandbyReplicas"));
        Assert.Equal("ENABLED", apps.Production.Knowledge.One("AWS::OpenSearchServerless::Collection").Str("StandbyReplicas"));
    }

    [Fact]
    public void Data_access_policy_grants_the_collection_to_the_bot_role_alone()
    {
        var policy = apps.Demo.Bot.One("AWS::OpenSearchServerless::AccessPolicy");

        Assert.Equal("data", policy.Str("Type"));
        var document = policy.GetProperty("Policy").Raw();
        Assert.Contains("InstanceRole", document, StringComparison.Ordinal);
        Assert.Contains("collection/msp-demo-knowledge", document, StringComparison.Ordinal);
        Assert.Contains("index/msp-demo-knowledge/*", document, StringComparison.Ordinal);
        Assert.DoesNotContain("aoss:*", document, StringComparison.Ordinal);
    }

    [Fact]
    public void Documents_bucket_blocks_all_public_access_keeps_versions_and_encrypts_with_its_own_key()
    {
        var bucket = apps.Demo.Knowledge.One("AWS::S3::Bucket");

        Assert.Equal(
            """{"BlockPublicAcls":true,"BlockPublicPolicy":true,"IgnorePublicAcls":true,"RestrictPublicBuckets":true}""",
            bucket.GetProperty("PublicAccessBlockConfiguration").Raw());
        Assert.Equal("Enabled", bucket.GetProperty("VersioningConfiguration").Str("Status"));
        var encryption = bucket.GetProperty("BucketEncryption").GetProperty("ServerSideEncryptionConfiguration")[0];
        var byDefault = encryption.GetProperty("ServerSideEncryptionByDefault");
        Assert.Equal("aws:kms", byDefault.Str("SSEAlgorithm"));
        Assert.Contains("DocumentsKey", byDefault.GetProperty("KMSMasterKeyID").Raw(), StringComparison.Ordinal);
        Assert.True(apps.Demo.Knowledge.One("AWS::KMS::Key").GetProperty("EnableKeyRotation").GetBoolean());
    }

    [Fact]
    public void Bucket_policy_denies_every_request_made_without_tls()
    {
        var policy = apps.Demo.Knowledge.One("AWS::S3::BucketPolicy").GetProperty("PolicyDocument");

        var deny = Assert.Single(policy.GetProperty("Statement").EnumerateArray(), s => s.Str("Effect") == "Deny");
        Assert.Equal("s3:*", deny.Str("Action"));
        Assert.Equal("""{"Bool":{"aws:SecureTransport":"false"}}""", deny.GetProperty("Condition").Raw());
        Assert.Equal("""{"AWS":"*"}""", deny.GetProperty("Principal").Raw());
    }

    [Fact]
    public void Production_keeps_the_bucket_and_key_when_the_stack_is_deleted()
    {
        foreach (var type in new[] { "AWS::S3::Bucket", "AWS::KMS::Key" })
        {
            Assert.Equal("Retain", Assert.Single(apps.Production.Knowledge.Resources(type)).Resource.Str("DeletionPolicy"));
            Assert.Equal("Delete", Assert.Single(apps.Demo.Knowledge.Resources(type)).Resource.Str("DeletionPolicy"));
        }
    }
}

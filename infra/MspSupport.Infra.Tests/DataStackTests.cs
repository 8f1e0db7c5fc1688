using System.Text.Json;
using Amazon.CDK.Assertions;

namespace MspSupport.Infra.Tests;

[Collection(SynthesisCollection.Name)]
public sealed class DataStackTests(SynthesizedApps apps)
{
    [Fact]
    public void Tickets_table_is_keyed_by_ticket_id_with_customer_and_status_indexes_ordered_by_creation()
    {
        var tickets = Table(apps.Demo, "MspSupport-demo-Tickets");

        Assert.Equal("""[{"AttributeName":"TicketId","KeyType":"HASH"}]""", tickets.GetProperty("KeySchema").Raw());
        var indexes = tickets.GetProperty("GlobalSecondaryIndexes").EnumerateArray().ToDictionary(i => i.Str("IndexName"));
        Assert.Equal(["CustomerIndex", "StatusIndex"], indexes.Keys.Order());
        Assert.Equal(
            """[{"AttributeName":"CustomerId","KeyType":"HASH"},{"AttributeName":"CreatedAt","KeyType":"RANGE"}]""",
            indexes["CustomerIndex"].GetProperty("KeySchema").Raw());
        Assert.Equal(
            """[{"AttributeName":"Status","KeyType":"HASH"},{"AttributeName":"CreatedAt","KeyType":"RANGE"}]""",
            indexes["StatusIndex"].GetProperty("KeySchema").Raw());
        Assert.All(indexes.Values, i => Assert.Equal("ALL", i.GetProperty("Projection").Str("ProjectionType")));
    }

    [Fact]
    public void Sessions_table_is_keyed_by_session_id_with_a_user_index_and_expires_at_ttl()
    {
        var sessions = Table(apps.Demo, "MspSupport-demo-Sessions");

        Assert.Equal("""[{"AttributeName":"SessionId","KeyType":"HASH"}]""", sessions.GetProperty("KeySchema").Raw());
        var index = Assert.Single(sessions.GetProperty("GlobalSecondaryIndexes").EnumerateArray());
        Assert.Equal("UserIndex", index.Str("IndexName"));
        Assert.Equal("""[{"AttributeName":"UserId","KeyType":"HASH"}]""", index.GetProperty("KeySchema").Raw());
        Assert.Equal("""{"AttributeName":"ExpiresAt","Enabled":true}""", sessions.GetProperty("TimeToLiveSpecification").Raw());
    }

    [Fact]
    public void Every_table_is_on_demand_with_point_in_time_recovery_and_encryption_at_rest()
    {
        foreach (var environment in apps.Both)
        {
            var tables = environment.Data.Resources("AWS::DynamoDB::Table");
            Assert.Equal(2, tables.Count);
            Assert.All(tables, t =>
            {
                var properties = t.Resource.GetProperty("Properties");
                Assert.Equal("PAY_PER_REQUEST", properties.Str("BillingMode"));
                Assert.True(properties.GetProperty("PointInTimeRecoverySpecification").GetProperty("PointInTimeRecoveryEnabled").GetBoolean());
                Assert.True(properties.GetProperty("SSESpecification").GetProperty("SSEEnabled").GetBoolean());
            });
        }
    }

    [Fact]
    public void Production_tables_are_protected_from_deletion_and_retained_with_the_stack_gone()
    {
        var tables = apps.Production.Data.Resources("AWS::DynamoDB::Table");

        Assert.All(tables, t =>
        {
            Assert.True(t.Resource.GetProperty("Properties").GetProperty("DeletionProtectionEnabled").GetBoolean());
            Assert.Equal("Retain", t.Resource.Str("DeletionPolicy"));
            Assert.Equal("Retain", t.Resource.Str("UpdateReplacePolicy"));
        });
    }

    [Fact]
    public void Demo_tables_are_unprotected_and_deleted_with_the_stack()
    {
        var tables = apps.Demo.Data.Resources("AWS::DynamoDB::Table");

        Assert.All(tables, t =>
        {
            var properties = t.Resource.GetProperty("Properties");
            Assert.False(properties.Has("DeletionProtectionEnabled") && properties.GetProperty("DeletionProtectionEnabled").GetBoolean());
            Assert.Equal("Delete", t.Resource.Str("DeletionPolicy"));
        });
    }

    [Fact]
    public void Sessions_expire_through_dynamodb_ttl_as_the_cdk_assertions_see_it()
    {
        var template = apps.Demo.Data.Template;

        template.ResourceCountIs("AWS::DynamoDB::Table", 2);
        template.HasResourceProperties("AWS::DynamoDB::Table", Match.ObjectLike(new Dictionary<string, object>
        {
            ["TableName"] = "MspSupport-demo-Sessions",
            ["TimeToLiveSpecification"] = new Dictionary<string, object> { ["AttributeName"] = "ExpiresAt", ["Enabled"] = true },
        }));
    }

    [Fact]
    public void Attachments_bucket_is_private_encrypted_tls_only_and_kept_like_the_tables()
    {
        foreach (var environment in apps.Both)
        {
            var (id, bucket) = Assert.Single(environment.Data.Resources("AWS::S3::Bucket"));
            var properties = bucket.GetProperty("Properties");

            Assert.Equal(
                """{"BlockPublicAcls":true,"BlockPublicPolicy":true,"IgnorePublicAcls":true,"RestrictPublicBuckets":true}""",
                properties.GetProperty("PublicAccessBlockConfiguration").Raw());
            Assert.Contains("\"SSEAlgorithm\":\"AES256\"", properties.GetProperty("BucketEncryption").Raw(), StringComparison.Ordinal);
            Assert.False(properties.Has("VersioningConfiguration"));
            Assert.Equal(environment.Settings.IsProduction ? "Retain" : "Delete", bucket.Str("DeletionPolicy"));

            var policy = environment.Data.One("AWS::S3::BucketPolicy");
            Assert.Contains(id, policy.GetProperty("Bucket").Raw(), StringComparison.Ordinal);
            var deny = Assert.Single(policy.GetProperty("PolicyDocument").GetProperty("Statement").Items());
            Assert.Equal("Deny", deny.Str("Effect"));
            Assert.Equal("""{"Bool":{"aws:SecureTransport":"false"}}""", deny.GetProperty("Condition").Raw());
        }
    }

    private static JsonElement Table(SynthesizedEnvironment environment, string name) =>
        environment.Data.Properties("AWS::DynamoDB::Table", p => p.Str("TableName") == name);
}

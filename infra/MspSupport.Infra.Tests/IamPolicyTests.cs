using System.Text.Json;

namespace MspSupport.Infra.Tests;

[Collection(SynthesisCollection.Name)]
public sealed class IamPolicyTests(SynthesizedApps apps)
{
    [Fact]
    public void No_policy_in_any_stack_allows_a_data_action_on_a_wildcard_resource()
    {
        var documents = apps.Both.SelectMany(e => new[]
        {
            ("Data", e.Data), ("Knowledge", e.Knowledge), ("TicketApi", e.TicketApi),
            ("Bot", e.Bot), ("Monitoring", e.Monitoring), ("GitHubDeploy", e.GitHubDeploy),
        }.SelectMany(s => PolicyFindings.Documents(s.Item2, $"{e}/{s.Item1}"))).ToList();

        var findings = documents.SelectMany(d => PolicyFindings.WildcardDataGrants(d.Document).Select(f => $"{d.Stack} {d.Id}: {f}")).ToList();

        Assert.True(documents.Count >= 8, $"only {documents.Count} policy documents found; the walk missed some");
        Assert.Empty(findings);
    }

    [Fact]
    public void The_policy_walk_flags_a_wildcard_resource_and_a_wildcard_action()
    {
        using var document = JsonDocument.Parse("""
            {"Statement":[
              {"Effect":"Allow","Action":["dynamodb:GetItem"],"Resource":"*"},
              {"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::bucket"},
              {"Effect":"Allow","Action":"bedrock:InvokeModel","Resource":{"Fn::Join":["",["arn:aws:bedrock:eu-west-1::foundation-model/","*"]]}},
              {"Effect":"Allow","Action":"s3:GetObject","Resource":{"Fn::Join":["",[{"Ref":"B"},"/*"]]}},
              {"Effect":"Deny","Action":"s3:*","Resource":"*"}
            ]}
            """);

        var findings = PolicyFindings.WildcardDataGrants(document.RootElement).ToList();

        Assert.Equal(3, findings.Count);
    }

    [Fact]
    public void Ticket_function_role_reaches_only_the_tickets_table_its_two_indexes_and_the_attachment_objects()
    {
        var (_, _, document) = Assert.Single(PolicyFindings.Documents(apps.Demo.TicketApi, "TicketApi"));
        var statements = document.GetProperty("Statement").Items();

        var dynamo = statements.Where(s => s.GetProperty("Action").Raw().Contains("dynamodb:", StringComparison.Ordinal)).ToList();
        var resources = string.Join(" ", dynamo.Select(s => s.GetProperty("Resource").Raw()));
        Assert.Contains("Tickets", resources, StringComparison.Ordinal);
        Assert.DoesNotContain("Sessions", resources, StringComparison.Ordinal);
        Assert.Contains("/index/CustomerIndex", resources, StringComparison.Ordinal);
        Assert.Contains("/index/StatusIndex", resources, StringComparison.Ordinal);
        var actions = dynamo.SelectMany(s => s.GetProperty("Action").Items()).Select(a => a.GetString()).ToHashSet();
        Assert.DoesNotContain("dynamodb:Scan", actions);
        Assert.DoesNotContain("dynamodb:BatchWriteItem", actions);
        var s3 = statements.Where(s => s.GetProperty("Action").Raw().Contains("s3:", StringComparison.Ordinal)).ToList();
        AssertAttachmentAccess(s3);
        Assert.All(statements.Where(s => !dynamo.Contains(s) && !s3.Contains(s)), s => Assert.StartsWith("logs:", s.GetProperty("Action").Items()[0].GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Bot_role_reads_writes_and_deletes_only_attachment_objects_in_the_attachments_bucket()
    {
        var s3 = BotPolicy().GetProperty("Statement").Items()
            .Where(s => s.GetProperty("Resource").Raw().Contains("Attachments", StringComparison.Ordinal))
            .ToList();

        AssertAttachmentAccess(s3);
    }

    [Fact]
    public void Bot_role_invokes_exactly_the_configured_foundation_models()
    {
        var statement = BotStatement("bedrock:InvokeModel");

        Assert.Equal(
            """["bedrock:InvokeModel","bedrock:InvokeModelWithResponseStream"]""",
            statement.GetProperty("Action").Raw());
        var models = statement.GetProperty("Resource").Items().Select(r => r.Raw()).ToList();
        Assert.Equal(3, models.Count);
        foreach (var id in apps.Demo.Settings.Models.All)
        {
            Assert.Single(models, m => m.Contains($":bedrock:eu-west-1::foundation-model/{id}\"", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Bot_role_reaches_the_collection_by_its_arn_the_bucket_and_both_tables()
    {
        var collection = BotStatement("aoss:APIAccessAll");
        Assert.Equal("\"aoss:APIAccessAll\"", collection.GetProperty("Action").Raw());
        Assert.Contains("CollectionArn", collection.GetProperty("Resource").Raw(), StringComparison.Ordinal);

        Assert.Contains("Documents", BotStatement("s3:GetObject", "Documents").GetProperty("Resource").Raw(), StringComparison.Ordinal);
        Assert.Contains("DocumentsKey", BotStatement("kms:Decrypt").GetProperty("Resource").Raw(), StringComparison.Ordinal);
        var document = BotPolicy().Raw();
        Assert.Contains("Tickets", document, StringComparison.Ordinal);
        Assert.Contains("Sessions", document, StringComparison.Ordinal);
        Assert.Contains("/index/UserIndex", document, StringComparison.Ordinal);
    }

    [Fact]
    public void Bot_may_publish_metrics_only_to_the_application_namespace()
    {
        var statement = BotStatement("cloudwatch:PutMetricData");

        Assert.Equal("""{"StringEquals":{"cloudwatch:namespace":"MspSupport"}}""", statement.GetProperty("Condition").Raw());
    }

    private JsonElement BotPolicy() =>
        Assert.Single(PolicyFindings.Documents(apps.Demo.Bot, "Bot"), d => d.Document.Raw().Contains("bedrock:", StringComparison.Ordinal)).Document;

    private JsonElement BotStatement(string action, string? resource = null) =>
        Assert.Single(BotPolicy().GetProperty("Statement").Items(), s => s.GetProperty("Action").Items().Any(a => a.GetString() == action)
            && (resource is null || s.GetProperty("Resource").Raw().Contains(resource, StringComparison.Ordinal)));

    /// <summary>Object actions on <c>attachments/*</c> of the data stack's bucket, listing on that bucket, and no other S3 right.</summary>
    private static void AssertAttachmentAccess(List<JsonElement> statements)
    {
        Assert.Equal(2, statements.Count);
        var objects = Assert.Single(statements, s => s.GetProperty("Action").Items().Count == 3);
        Assert.Equal("""["s3:GetObject","s3:PutObject","s3:DeleteObject"]""", objects.GetProperty("Action").Raw());
        var resource = objects.GetProperty("Resource").Raw();
        Assert.Contains("Attachments", resource, StringComparison.Ordinal);
        Assert.Contains($"\"/{DataStack.AttachmentPrefix}*\"", resource, StringComparison.Ordinal);
        var list = Assert.Single(statements, s => s.GetProperty("Action").Raw() == "\"s3:ListBucket\"");
        Assert.Contains("Attachments", list.GetProperty("Resource").Raw(), StringComparison.Ordinal);
        Assert.DoesNotContain("*", list.GetProperty("Resource").Raw(), StringComparison.Ordinal);
    }
}

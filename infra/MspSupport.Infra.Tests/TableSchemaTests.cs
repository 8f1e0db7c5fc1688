using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using MspSupport.Core.Tickets;

namespace MspSupport.Infra.Tests;

/// <summary>
/// The application checks only that its table exists (CDK owns it on AWS); these tests keep the stack's tickets
/// table identical in keys and indexes to the table the application would create for itself.
/// </summary>
[Collection(SynthesisCollection.Name)]
public sealed class TableSchemaTests(SynthesizedApps apps)
{
    [Fact]
    public void Stack_tickets_table_has_the_key_schema_of_the_applications_table_definition()
    {
        var expected = DynamoDbTicketTable.CreateRequest("Tickets");

        foreach (var environment in apps.Both)
        {
            var table = Tickets(environment);
            Assert.Equal(Keys(expected.KeySchema), Keys(table.GetProperty("KeySchema")));
            Assert.Equal(expected.BillingMode.Value, table.Str("BillingMode"));
        }
    }

    [Fact]
    public void Stack_tickets_table_defines_the_same_attributes_as_the_application()
    {
        var expected = DynamoDbTicketTable.CreateRequest("Tickets").AttributeDefinitions
            .Select(a => $"{a.AttributeName}:{a.AttributeType.Value}")
            .Order();

        var actual = Tickets(apps.Demo).GetProperty("AttributeDefinitions").EnumerateArray()
            .Select(a => $"{a.Str("AttributeName")}:{a.Str("AttributeType")}")
            .Order();

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Stack_tickets_table_has_the_applications_global_indexes_with_their_keys_and_projection()
    {
        var expected = DynamoDbTicketTable.CreateRequest("Tickets").GlobalSecondaryIndexes
            .ToDictionary(i => i.IndexName, i => (Keys(i.KeySchema), i.Projection.ProjectionType.Value));

        var actual = Tickets(apps.Demo).GetProperty("GlobalSecondaryIndexes").EnumerateArray()
            .ToDictionary(i => i.Str("IndexName"), i => (Keys(i.GetProperty("KeySchema")), i.GetProperty("Projection").Str("ProjectionType")));

        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, index) in expected)
        {
            Assert.Equal(index.Item1, actual[name].Item1);
            Assert.Equal(index.Value, actual[name].Item2);
        }
    }

    [Fact]
    public void Stack_tickets_table_expires_items_by_the_attribute_the_application_writes_on_idempotency_records()
    {
        foreach (var environment in apps.Both)
        {
            var ttl = Tickets(environment).GetProperty("TimeToLiveSpecification");
            Assert.Equal(DynamoDbTicketTable.TimeToLiveAttribute, ttl.Str("AttributeName"));
            Assert.True(ttl.GetProperty("Enabled").GetBoolean());
        }
    }

    [Fact]
    public void Stack_index_names_are_the_ones_the_application_queries()
    {
        Assert.Equal(DynamoDbTicketTable.CustomerIndex, DataStack.CustomerIndex);
        Assert.Equal(DynamoDbTicketTable.StatusIndex, DataStack.StatusIndex);
    }

    private static JsonElement Tickets(SynthesizedEnvironment environment) =>
        environment.Data.Properties("AWS::DynamoDB::Table", p => p.Str("TableName").EndsWith("-Tickets", StringComparison.Ordinal));

    private static string Keys(List<KeySchemaElement> keys) =>
        string.Join(",", keys.Select(k => $"{k.AttributeName}:{k.KeyType.Value}"));

    private static string Keys(JsonElement keys) =>
        string.Join(",", keys.EnumerateArray().Select(k => $"{k.Str("AttributeName")}:{k.Str("KeyType")}"));
}

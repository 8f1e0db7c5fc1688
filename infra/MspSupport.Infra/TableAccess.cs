using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;

namespace MspSupport.Infra;

/// <summary>
/// DynamoDB permissions on named tables and named indexes. Written out instead of <c>Table.GrantReadWriteData</c>,
/// which also grants <c>index/*</c> and batch and scan actions the application never calls.
/// </summary>
public static class TableAccess
{
    public static IReadOnlyList<PolicyStatement> ReadWrite(ITable table, params string[] indexes)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(indexes);
        var statements = new List<PolicyStatement>
        {
            new(new PolicyStatementProps
            {
                Actions =
                [
                    "dynamodb:DescribeTable",
                    "dynamodb:GetItem",
                    "dynamodb:PutItem",
                    "dynamodb:UpdateItem",
                    "dynamodb:DeleteItem",
                    "dynamodb:Query",
                    "dynamodb:ConditionCheckItem",
                ],
                Resources = [table.TableArn],
            }),
        };
        if (indexes.Length > 0)
        {
            statements.Add(new PolicyStatement(new PolicyStatementProps
            {
                Actions = ["dynamodb:Query"],
                Resources = [.. indexes.Select(index => $"{table.TableArn}/index/{index}")],
            }));
        }

        return statements;
    }
}

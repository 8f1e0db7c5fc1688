namespace MspSupport.Infra.Tests;

public sealed class BedrockModelsTests
{
    [Fact]
    public void An_in_region_model_id_is_granted_as_its_foundation_model_arn()
    {
        var arns = BedrockModels.Arns("aws", "eu-west-1", "123456789012", "anthropic.claude-3-haiku-20240307-v1:0");

        Assert.Equal(["arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"], arns);
    }

    [Fact]
    public void A_cross_region_profile_is_granted_as_the_profile_and_its_base_model()
    {
        var arns = BedrockModels.Arns("aws", "eu-west-1", "123456789012", "eu.anthropic.claude-sonnet-4-20250514-v1:0");

        Assert.Equal(
            [
                "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-20250514-v1:0",
                "arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0",
            ],
            arns);
    }
}

using Microsoft.Extensions.Options;
using MspSupport.Core.Agent.Intents;
using MspSupport.Core.Handoff;

namespace MspSupport.Core.Tests.Handoff;

public sealed class EscalationSignalsTests
{
    [Theory]
    [InlineData("talk to a technician")]
    [InlineData("I need a human")]
    [InlineData("speak to a person please")]
    [InlineData("can I talk to a real person?")]
    [InlineData("get me a human")]
    [InlineData("escalate this")]
    public void Asking_for_a_person_is_the_escalate_intent(string text) =>
        Assert.Equal(IntentKind.Escalate, IntentParser.Parse(text)?.Kind);

    [Theory]
    [InlineData("how do I talk to a printer over the network")]
    [InlineData("create a ticket for VPN drops")]
    public void Other_requests_are_not_escalations(string text) =>
        Assert.NotEqual(IntentKind.Escalate, IntentParser.Parse(text)?.Kind);

    [Theory]
    [InlineData("This is useless, the VPN is still broken")]
    [InlineData("why does it keep dropping!!!")]
    [InlineData("THE PRINTER HAS NOT WORKED ALL WEEK")]
    [InlineData("I'm so frustrated with this laptop")]
    [InlineData("that doesn't help at all")]
    public void Frustration_is_heard(string text) => Assert.True(FrustrationSignal.IsFrustrated(text));

    [Theory]
    [InlineData("How do I reset my password?")]
    [InlineData("VPN drops! Any idea?")]
    [InlineData("MFA on my new phone")]
    [InlineData("")]
    public void Calm_messages_are_not_frustrated(string text) => Assert.False(FrustrationSignal.IsFrustrated(text));

    [Fact]
    public void Settings_are_checked_with_messages_that_name_them()
    {
        var options = new HandoffOptions
        {
            NotHelpfulLimit = 0,
            Triage = new TriageOptions
            {
                Default = new TriageTarget { ConversationId = "19:a@thread.tacv2", ServiceUrl = "not a url" },
                Routes = [new TriageRoute { Category = "Plumbing" }],
            },
        };

        var result = new HandoffOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Handoff:NotHelpfulLimit", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Handoff:Triage:Default:ServiceUrl", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Handoff:Triage:Routes:0:ConversationId", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Handoff:Triage:Routes:0:Category", StringComparison.Ordinal));
        Assert.Equal(ValidateOptionsResult.Success, new HandoffOptionsValidator().Validate(null, new HandoffOptions()));
    }

    [Fact]
    public void Routes_pick_the_first_match_and_fall_back_to_the_default()
    {
        var triage = new TriageOptions
        {
            Default = new TriageTarget { ConversationId = "19:default@thread.tacv2", ServiceUrl = "https://smba.example/" },
            Routes =
            [
                new TriageRoute { CustomerId = "contoso", Category = "Security", ConversationId = "19:contoso-sec@thread.tacv2", ServiceUrl = "https://smba.example/" },
                new TriageRoute { Category = "Security", ConversationId = "19:sec@thread.tacv2", ServiceUrl = "https://smba.example/" },
            ],
        };

        Assert.Equal("19:contoso-sec@thread.tacv2", triage.For("contoso", "Security").ConversationId);
        Assert.Equal("19:sec@thread.tacv2", triage.For("fabrikam", "Security").ConversationId);
        Assert.Equal("19:default@thread.tacv2", triage.For("contoso", "Network").ConversationId);
    }
}

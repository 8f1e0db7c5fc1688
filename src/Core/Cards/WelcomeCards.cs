using MspSupport.Core.Identity;

namespace MspSupport.Core.Cards;

/// <summary>The welcome and help card; examples differ for customers and staff because staff work on every customer's tickets.</summary>
public static class WelcomeCards
{
    public static WelcomeCard For(CallerIdentity caller, bool greeting)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var hello = greeting ? $"Hi {caller.Name}! " : "";
        string[] examples = caller.IsStaff
            ? ["list open tickets", "status of TKT-…", "assign TKT-… to me", "set priority of TKT-… to high", "add a note to TKT-…: called the user", "how do I reset an MFA device?"]
            : ["create a ticket for my VPN not connecting", "list my open tickets", "status of TKT-…", "close it", "how do I reset my password?", "remember that I work from the Leeds office"];
        return new WelcomeCard
        {
            Greeting = hello + "I'm the support assistant. I can file and follow up tickets and answer questions from our knowledge base.",
            Examples = examples,
            Actions = [new CardButton("New ticket", CardVerbs.TicketCreate, new Dictionary<string, string> { ["form"] = "new" }), CardButton.Plain("Help", CardVerbs.Help)],
        };
    }
}

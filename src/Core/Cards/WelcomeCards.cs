using MspSupport.Core.Identity;

namespace MspSupport.Core.Cards;

/// <summary>The welcome and help card; examples differ for customers and staff because staff work on every customer's tickets.</summary>
public static class WelcomeCards
{
    private static readonly WelcomeCard CustomerHelp = Build("", staff: false);
    private static readonly WelcomeCard StaffHelp = Build("", staff: true);

    /// <summary>
    /// The card for <paramref name="caller"/>; with a greeting it names them. Without one ("help") it is the same
    /// instance for everyone of a role, so a channel may render it once and keep the result (<see cref="IsShared"/>).
    /// </summary>
    public static WelcomeCard For(CallerIdentity caller, bool greeting)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return greeting ? Build($"Hi {caller.Name}! ", caller.IsStaff) : caller.IsStaff ? StaffHelp : CustomerHelp;
    }

    /// <summary>True for the help cards <see cref="For"/> hands out to everyone of a role (never changed, never personal).</summary>
    public static bool IsShared(Card card) => ReferenceEquals(card, CustomerHelp) || ReferenceEquals(card, StaffHelp);

    private static WelcomeCard Build(string hello, bool staff)
    {
        string[] examples = staff
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

using MspSupport.Core.Cards;

namespace MspSupport.Bot.Tests.Rendering;

/// <summary>One of each card the core can emit, with the variations that change what is drawn.</summary>
internal static class SampleCards
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 14, 30, 0, TimeSpan.Zero);

    public static IReadOnlyDictionary<string, Card> All { get; } = new Dictionary<string, Card>
    {
        ["form, new, customer"] = new TicketFormCard
        {
            Mode = TicketFormMode.New,
            Title = "VPN drops",
            Priority = "High",
            Category = "Network",
            Actions = [CardButton.Plain("File ticket", CardVerbs.TicketCreate)],
        },
        ["form, new, staff, with errors"] = new TicketFormCard
        {
            Mode = TicketFormMode.New,
            AsksForCustomer = true,
            FieldErrors = new Dictionary<string, string[]> { ["title"] = ["A title is required."], ["customerId"] = ["Say which customer."] },
            Actions = [CardButton.Plain("File ticket", CardVerbs.TicketCreate)],
        },
        ["form, edit"] = new TicketFormCard
        {
            Mode = TicketFormMode.Edit,
            TicketId = "TKT-1NGEC0X-XJTN0",
            Version = 3,
            Title = "Printer offline",
            Description = "Floor 2, since Monday.\nRestarted twice.",
            Actions = [new CardButton("Save", CardVerbs.TicketUpdate, new Dictionary<string, string> { ["ticketId"] = "TKT-1NGEC0X-XJTN0", ["version"] = "3" })],
        },
        ["ticket with notes"] = new TicketCard
        {
            TicketId = "TKT-1NGEC0X-XJTN0",
            Title = "Printer offline",
            Description = "Floor 2, since Monday.",
            Status = "In Progress",
            Priority = "High",
            Category = "Hardware",
            CustomerId = "contoso",
            AssignedTo = "Bob",
            CreatedBy = "Alice",
            CreatedAt = At,
            UpdatedAt = At.AddHours(1),
            Version = 4,
            Headline = "Priority set to High.",
            Notes = [new TicketNoteView("Bob", "Ordered a fuser.", At.AddMinutes(30), Internal: false), new TicketNoteView("Bob", "Vendor case 4411.", At.AddMinutes(31), Internal: true)],
            Files = [new TicketFileView("A-0123456789abcdef", "printer-error.png", 48_213, "Alice"), new TicketFileView("A-fedcba9876543210", "spooler.log", 1_024, "Bob")],
            Actions =
            [
                new CardButton("Add note", CardVerbs.TicketAddNote, new Dictionary<string, string> { ["ticketId"] = "TKT-1NGEC0X-XJTN0" }),
                new CardButton("Close", CardVerbs.TicketClose, new Dictionary<string, string> { ["ticketId"] = "TKT-1NGEC0X-XJTN0" }),
                new CardButton("Assign to me", CardVerbs.TicketAssignToMe, new Dictionary<string, string> { ["ticketId"] = "TKT-1NGEC0X-XJTN0" }),
            ],
        },
        ["triage, with a draft and a failed delivery"] = new TriageCard
        {
            TicketId = "TKT-1NGEC0X-XJTN0",
            Title = "Printer offline",
            CustomerId = "contoso",
            Requester = "Alice",
            CustomerChannel = "web",
            Status = "In Progress",
            Priority = "High",
            Reason = "the customer asked for a technician",
            WithTechnician = true,
            Owner = "Bob",
            Review = true,
            Notes = [new TicketNoteView("Assistant", "Escalated to a technician.", At, Internal: true)],
            DraftId = "d-1",
            DraftText = "Restart the print spooler [1].",
            DraftCitations = [new NumberedCitation(1, "Printer queue stuck", "Steps", "")],
            LastDeliveryError = "the customer's web chat conversation is no longer open",
            Headline = "Draft waiting for review.",
            Statuses = ["Open", "In Progress", "Resolved", "Closed"],
            Priorities = ["Low", "Medium", "High", "Critical"],
            Refresh = new CardButton("Refresh", CardVerbs.HandoffRefresh, new Dictionary<string, string> { ["ticketId"] = "TKT-1NGEC0X-XJTN0" }),
            RefreshUserIds = [.. Enumerable.Range(0, 61).Select(i => $"00000000-0000-4000-8000-{i:D12}")],
            Actions =
            [
                new CardButton("Approve draft", CardVerbs.HandoffApprove, new Dictionary<string, string> { ["ticketId"] = "TKT-1NGEC0X-XJTN0", ["draftId"] = "d-1", ["actionId"] = "n:approve" }),
                new CardButton("Reply to customer", CardVerbs.HandoffReply, new Dictionary<string, string> { ["ticketId"] = "TKT-1NGEC0X-XJTN0", ["actionId"] = "n:reply" }),
            ],
        },
        ["triage, closed"] = new TriageCard
        {
            TicketId = "TKT-1NGEC0X-XJTN0",
            Title = "Printer offline",
            CustomerId = "contoso",
            Requester = "Alice",
            CustomerChannel = "slack",
            Status = "Closed",
            Priority = "Low",
            Reason = "2 answers in a row were marked not helpful",
            WithTechnician = false,
            Closed = true,
            Actions = [new CardButton("Refresh", CardVerbs.HandoffRefresh, new Dictionary<string, string> { ["ticketId"] = "TKT-1NGEC0X-XJTN0" })],
        },
        ["ticket list"] = new TicketListCard
        {
            Heading = "Your open tickets",
            HasMore = true,
            Items = [new TicketSummary("TKT-1NGEC0X-XJTN0", "Printer offline", "Open", "High", At), new TicketSummary("TKT-1NGEC10-ABCDE", "New laptop", "In Progress", "Low", At)],
        },
        ["empty ticket list"] = new TicketListCard { Heading = "Your open tickets" },
        ["answer with citations"] = new AnswerCard
        {
            Text = "Lower the MTU to 1400 on the VPN adapter [1], then reconnect [2].",
            Citations = [new NumberedCitation(1, "VPN drops: MTU and fragmentation", "Steps", "https://support.example-msp.com/kb/vpn-mtu"), new NumberedCitation(2, "VPN will not connect [client]", "", "")],
            Actions =
            [
                new CardButton("Helpful", CardVerbs.Feedback, new Dictionary<string, string> { ["helpful"] = "true" }),
                new CardButton("Not helpful", CardVerbs.Feedback, new Dictionary<string, string> { ["helpful"] = "false" }),
                CardButton.Plain("Create a ticket from this", CardVerbs.TicketFromAnswer),
                CardButton.Plain("I need a human", CardVerbs.Escalate),
            ],
        },
        ["excerpt answer"] = new AnswerCard { Text = "> Restart the print spooler service...", IsExcerpt = true },
        ["confirmation"] = new ConfirmationCard
        {
            Question = "Close TKT-1NGEC0X-XJTN0 \"Printer offline\"?",
            PendingId = "p-1",
            Actions = [new CardButton("Close it", CardVerbs.Confirm, new Dictionary<string, string> { ["pendingId"] = "p-1" }), CardButton.Plain("Cancel", CardVerbs.Cancel)],
        },
        ["welcome"] = new WelcomeCard
        {
            Greeting = "Hi, I'm the support assistant.",
            Examples = ["create a ticket for printer jam", "status of TKT-1NGEC0X-XJTN0", "list my open tickets"],
            Actions = [CardButton.Plain("New ticket", CardVerbs.TicketCreate), CardButton.Plain("Help", CardVerbs.Help)],
        },
    };
}

// The peer of the Teams benchmark: a botbuilder CloudAdapter bot doing the work our /api/messages does for "help".
// It authenticates the channel token against the same OpenID metadata, issuer, audience and endorsement rules, gets
// its outbound token from the same token endpoint (MSAL for Node), and answers a message with the help card, sent to
// the same Bot Connector stand-in. Typing indicators come from botbuilder's ShowTypingMiddleware with the same delay
// and period as ours (Teams:TypingDelay 500 ms, TypingInterval 2 s): an instant answer goes without one in both.
// It remembers the conversation as ours does: through botbuilder's Storage interface over a SQLite file (WAL, NORMAL
// sync, as our embedded store), read at the start of the turn and saved after the reply with the user's message and
// the answer's text, the last 20 messages, the write conditioned on the eTag read (reloaded and retried on a conflict).
//
// Settings come from the environment (bench/teams/run.sh sets them from the stand-in's connector.json):
//   PORT, MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD, OPENID_METADATA_URL, TOKEN_ISSUER, TOKEN_AUTHORITY, and
//   PEER_STATE_PATH, the SQLite file of the conversation state ("none": the bot keeps no conversation state).
// The stand-in's certificate is trusted through NODE_EXTRA_CA_CERTS.
'use strict';

const http = require('node:http');
const { ConfidentialClientApplication } = require('@azure/msal-node');
const { CloudAdapter, ConfigurationBotFrameworkAuthentication, ActivityTypes, CardFactory, ShowTypingMiddleware } = require('botbuilder');
const { MsalServiceClientCredentialsFactory } = require('botframework-connector');
const { SqliteStorage } = require('./sqlite-storage');

const required = (name) => {
    const value = process.env[name];
    if (!value) {
        console.error(`${name} is not set`);
        process.exit(2);
    }
    return value;
};

const appId = required('MICROSOFT_APP_ID');
const authority = new URL(required('TOKEN_AUTHORITY'));

// MSAL for Node would ask login.microsoftonline.com about an unknown authority; naming it as known makes it read the
// authority's own metadata instead (the stand-in serves it, as Entra ID does).
const msal = new ConfidentialClientApplication({
    auth: {
        clientId: appId,
        clientSecret: required('MICROSOFT_APP_PASSWORD'),
        authority: authority.toString(),
        knownAuthorities: [authority.host],
    },
});

const auth = new ConfigurationBotFrameworkAuthentication(
    {
        MicrosoftAppId: appId,
        MicrosoftAppType: 'MultiTenant',
        ToBotFromChannelOpenIdMetadataUrl: required('OPENID_METADATA_URL'),
        ToBotFromChannelTokenIssuer: required('TOKEN_ISSUER'),
        ToChannelFromBotLoginUrl: authority.toString(),
        ToChannelFromBotOAuthScope: 'https://api.botframework.com',
        ValidateAuthority: false,
    },
    new MsalServiceClientCredentialsFactory(appId, msal),
);
const adapter = new CloudAdapter(auth);
adapter.use(new ShowTypingMiddleware(500, 2000));
adapter.onTurnError = async (context, error) => {
    console.error('turn failed', error);
};

const helpCard = CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
        { type: 'TextBlock', text: "I'm the support assistant. I can file and follow up tickets and answer questions from our knowledge base.", wrap: true, size: 'Medium', weight: 'Bolder' },
        { type: 'TextBlock', text: 'Try for example:', wrap: true, isSubtle: true },
        ...['create a ticket for my VPN not connecting', 'list my open tickets', 'status of TKT-…', 'close it', 'how do I reset my password?']
            .map((text) => ({ type: 'TextBlock', text: `- ${text}`, wrap: true, spacing: 'None' })),
    ],
    actions: [
        { type: 'Action.Execute', title: 'New ticket', verb: 'ticket.create', data: { verb: 'ticket.create', form: 'new' } },
        { type: 'Action.Execute', title: 'Help', verb: 'help', data: { verb: 'help' } },
    ],
});

// What the conversation keeps of the answer: the card's text, as ours keeps its plain-text rendering.
const helpText = helpCard.content.body.map((block) => block.text).join(' ');
const maxMessages = 20; // Conversation.MaxMessages
const maxSaveAttempts = 4;

const statePath = required('PEER_STATE_PATH');
const storage = statePath === 'none' ? null : new SqliteStorage(statePath);

// ConversationState's own saveChanges writes with eTag '*' (the last writer wins), so two turns of one conversation
// in flight at once would lose one of them; ours conditions each save on the version it read and merges on a
// conflict. The peer does the same through the Storage interface directly, under ConversationState's key.
const conversationKey = (activity) => `${activity.channelId}/conversations/${activity.conversation.id}/`;

const load = async (context) => {
    const key = conversationKey(context.activity);
    const items = await storage.read([key]);
    return items[key] ?? { userId: context.activity.from.aadObjectId ?? context.activity.from.id, messages: [], eTag: '0' };
};

const remember = async (context, conversation) => {
    const from = context.activity.from;
    const at = new Date().toISOString();
    const added = [
        { role: 'user', text: context.activity.text ?? '', at, author: from.aadObjectId ?? from.id },
        { role: 'assistant', text: helpText, at },
    ];
    for (let attempt = 1; ; attempt++) {
        const next = { ...conversation, messages: conversation.messages.concat(added).slice(-maxMessages), updatedAt: at };
        try {
            await storage.write({ [conversationKey(context.activity)]: next });
            return;
        } catch (error) {
            if (!error.eTagConflict || attempt === maxSaveAttempts) {
                throw error;
            }
            conversation = await load(context);
        }
    }
};

const logic = async (context) => {
    if (context.activity.type !== ActivityTypes.Message) {
        return;
    }
    const conversation = storage && await load(context);
    await context.sendActivity({ attachments: [helpCard] });
    if (storage) {
        await remember(context, conversation);
    }
};

// botbuilder's process() wants a parsed body and an express/restify-like response; plain node:http gives both here.
const maxBody = 256 * 1024;
const server = http.createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/api/messages') {
        res.writeHead(404).end();
        return;
    }
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
        size += chunk.length;
        if (size > maxBody) {
            res.writeHead(413).end();
            req.destroy();
            return;
        }
        chunks.push(chunk);
    });
    req.on('end', async () => {
        try {
            req.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
            res.writeHead(400).end();
            return;
        }
        const response = {
            socket: res.socket,
            statusCode: 200,
            body: undefined,
            status(code) { this.statusCode = code; return this; },
            header(name, value) { res.setHeader(name, value); return this; },
            send(body) { this.body = body; return this; },
            end() {
                if (this.body !== undefined && typeof this.body !== 'string') {
                    res.setHeader('content-type', 'application/json');
                    this.body = JSON.stringify(this.body);
                }
                res.writeHead(this.statusCode).end(this.body);
            },
        };
        await adapter.process(req, response, logic);
    });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT || 3978), '127.0.0.1', () => console.log(`peer bot listening on ${process.env.PORT || 3978}`));

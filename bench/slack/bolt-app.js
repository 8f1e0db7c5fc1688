// The Bolt for JavaScript peer of the benchmark: verifies Slack's signature and acknowledges app_mention events,
// as the assistant's /slack/events does (the handler does no work, as ours only queues it).
const { App } = require('@slack/bolt');

const app = new App({
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  token: 'xoxb-bench',
  tokenVerificationEnabled: false,
  botId: 'B0BOT',
  botUserId: 'U0BOT',
  logLevel: 'error',
});
app.event('app_mention', async () => {});
app.start(Number(process.env.PORT)).then(() => console.log('bolt listening'));

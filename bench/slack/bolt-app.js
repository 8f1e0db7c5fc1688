// The Bolt for JavaScript peer of the benchmark: verifies Slack's signature and acknowledges the events, as the
// assistant's /slack/events does. Its listeners take mentions and messages (DMs, thread replies, channel messages)
// and do no work, as ours only queues them.
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
app.message(async () => {});
app.start(Number(process.env.PORT)).then(() => console.log('bolt listening'));

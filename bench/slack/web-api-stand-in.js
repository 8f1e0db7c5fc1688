// A Slack Web API stand-in for bench/slack/run.sh: answers every method with ok:true (and the fields our client reads)
// so the assistant's background replies finish quickly, as they would against Slack, instead of failing against a
// closed port and filling the logs. Usage: PORT=... node web-api-stand-in.js
'use strict';
const http = require('node:http');

let calls = 0;
http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
        calls++;
        const method = req.url.replace(/^\/api\//, '').split('?')[0];
        const body = { ok: true };
        if (method.startsWith('chat.')) {
            Object.assign(body, { channel: 'C0BENCH0000', ts: `${Math.floor(Date.now() / 1000)}.${String(calls).padStart(6, '0')}` });
        } else if (method === 'users.info') {
            body.user = { id: 'U0USER00000', name: 'bench', real_name: 'Bench User', profile: { display_name: 'bench' } };
        } else if (method === 'conversations.replies') {
            body.messages = [];
        } else if (method === 'stand-in.calls') {
            body.calls = calls;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));

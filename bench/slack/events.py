#!/usr/bin/env python3
"""Signed Slack event_callback bodies for bench/slack/run.sh: one per line as "signature<TAB>body".

Every event has its own event_id, so neither peer can drop it as a retry, and the mix is what a workspace with the
app in its channels sends (the manifest subscribes to message.channels): plain channel messages the assistant ignores,
replies in threads, mentions and direct messages, from many users in many channels. Usage:
events.py SECRET TIMESTAMP COUNT [MIX] > events.tsv
MIX "full" (default) is the mix above; "chatter" is only the channel messages the assistant ignores, so that neither
peer has work after the acknowledgement and the rounds measure the door alone.
"""
import hashlib
import hmac
import json
import random
import sys

secret, ts, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
mix = sys.argv[4] if len(sys.argv) > 4 else "full"
if mix not in ("full", "chatter"):
    sys.exit(f"unknown mix {mix!r}: use full or chatter")
rng = random.Random(6)  # the same events every run
team, bot = "T0BENCH", "U0BOT"
channels = [f"C0BENCH{i:04d}" for i in range(200)]
users = [f"U0USER{i:05d}" for i in range(1000)]
questions = [
    "how do I reset my password?",
    "the printer on floor 2 is offline again",
    "VPN keeps dropping every few minutes :disappointed:",
    "can you open a ticket for a new laptop for our intern?",
    "what's the status of my ticket",
    "Outlook asks for my password over and over",
]


def event(n):
    micros = 100 + n
    event_ts = f"{ts}.{micros:06d}"
    user = rng.choice(users)
    text = rng.choice(questions)
    kind = rng.random() * (0.40 if mix == "chatter" else 1.0)
    e = {"user": user, "ts": event_ts, "team": team, "event_ts": event_ts, "client_msg_id": f"{n:08x}-bench"}
    if kind < 0.40:    # a message in a channel, not for the assistant
        e.update(type="message", channel=rng.choice(channels), channel_type="channel", text=text)
    elif kind < 0.50:  # a reply in some thread (the assistant answers only in threads it is part of)
        e.update(type="message", channel=rng.choice(channels), channel_type="channel", text=text,
                 thread_ts=f"{int(ts) - rng.randint(60, 86400)}.000100")
    elif kind < 0.85:  # a mention
        e.update(type="app_mention", channel=rng.choice(channels), text=f"<@{bot}> {text}")
    else:              # a direct message
        e.update(type="message", channel=f"D0{user[2:]}", channel_type="im", text=text)
    return {
        "token": "x", "team_id": team, "api_app_id": "A0BENCH", "type": "event_callback",
        "event_id": f"Ev0BENCH{n:08d}", "event_time": int(ts), "event_context": f"4-bench-{n}",
        "authorizations": [{"enterprise_id": None, "team_id": team, "user_id": bot, "is_bot": True}],
        "is_ext_shared_channel": False, "event": e,
    }


out = sys.stdout
for n in range(count):
    body = json.dumps(event(n), separators=(",", ":"))
    mac = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    out.write(f"v0={mac}\t{body}\n")

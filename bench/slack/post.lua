-- Posts one signed event_callback (body and signature made by run.sh just before the run, inside the replay window).
local f = io.open(os.getenv("BENCH_BODY"), "r")
local body = f:read("*a")
f:close()
wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Slack-Request-Timestamp"] = os.getenv("BENCH_TS")
wrk.headers["X-Slack-Signature"] = os.getenv("BENCH_SIG")

-- Posts signed event_callbacks made by events.py (run.sh, just before the run, inside the replay window): each request
-- is the next event of the file, so event ids, channels and users vary; wrk's threads start at different places.
-- Requests are formatted once in init, so that the load generator does no more per request than with one body.
local counter = 0

function setup(thread)
  thread:set("offset", counter)
  counter = counter + 1
end

local requests, n, at = {}, 0, 0

function init(args)
  wrk.method = "POST"
  for line in io.lines(os.getenv("BENCH_EVENTS")) do
    local tab = line:find("\t", 1, true)
    n = n + 1
    requests[n] = wrk.format(nil, nil, {
      ["Host"] = wrk.headers["Host"],
      ["Content-Type"] = "application/json",
      ["X-Slack-Request-Timestamp"] = os.getenv("BENCH_TS"),
      ["X-Slack-Signature"] = line:sub(1, tab - 1),
    }, line:sub(tab + 1))
  end
  at = math.floor(n / 2) * offset
end

function request()
  at = at % n + 1
  return requests[at]
end

-- BENCH_DELAY_MS paces each connection (wrk waits that long before its next request): a set rate below saturation,
-- connections × 1000 / (delay + latency) requests a second, for the latency Slack sees at that rate.
local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
if pause > 0 then
  delay = function() return pause end
end

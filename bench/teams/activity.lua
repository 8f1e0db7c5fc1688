-- POST /api/messages: a Teams message activity (the recorded personal-chat payload, text "help"), signed token from
-- the environment. Each request gets its own activity id, as Teams would send, in one of 1,000 personal chats.
local body = io.open(os.getenv("BENCH_ACTIVITY")):read("*a")
local token = os.getenv("BENCH_TOKEN")
local counter = 0

request = function()
  counter = counter + 1
  local activity = body:gsub("BENCH_ACTIVITY_ID", string.format("f:%d-%d", math.random(1, 1000000000), counter))
  activity = activity:gsub("BENCH_CONVERSATION_ID", string.format("a:bench-chat-%d", math.random(1, 1000)))
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, activity)
end

-- BENCH_DELAY_MS paces each connection (wrk waits that long before its next request), for latency at a set rate
-- below saturation: connections × 1000 / (delay + latency) requests a second.
local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
if pause > 0 then
  delay = function() return pause end
end

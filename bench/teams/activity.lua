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

-- BENCH_RATE paces the run at that many requests a second in all (each of wrk's BENCH_THREADS threads takes its share):
-- every request claims the next slot of a fixed schedule and waits for it, so a stall is followed by a catch-up rather
-- than lowering the rate. The clock is the monotonic one, through LuaJIT's ffi (wrk's Lua has no millisecond clock).
-- BENCH_DELAY_MS instead pauses each connection that long between requests: connections × 1000 / (delay + latency).
local rate = tonumber(os.getenv("BENCH_RATE") or "0")
local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
if rate > 0 then
  local ffi = require("ffi")
  ffi.cdef [[
    typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
    int clock_gettime(int clock_id, bench_timespec *now);
  ]]
  local clock = ffi.new("bench_timespec")
  local function now_ms()
    ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
    return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
  end
  local interval = 1000 * tonumber(os.getenv("BENCH_THREADS") or "1") / rate
  local slot = nil
  delay = function()
    local now = now_ms()
    slot = slot and math.max(slot + interval, now - 100 * interval) or now
    return math.max(0, math.floor(slot - now))
  end
elseif pause > 0 then
  delay = function() return pause end
end

-- POST /api/messages: a Teams message activity (the recorded personal-chat payload, text "help"), signed token from
-- the environment. Each request gets its own activity id, as Teams would send.
local body = io.open(os.getenv("BENCH_ACTIVITY")):read("*a")
local token = os.getenv("BENCH_TOKEN")
local counter = 0

request = function()
  counter = counter + 1
  local activity = body:gsub("BENCH_ACTIVITY_ID", string.format("f:%d-%d", math.random(1, 1000000000), counter))
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, activity)
end

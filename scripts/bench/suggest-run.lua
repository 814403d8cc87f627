-- wrk script for `scripts/bench-store`: exactly scripts/bench/suggest.lua's load, with every chat
-- name prefixed by the environment variable BENCH_RUN, so that each run's chats are new ones
-- even in a team store that keeps the chats of the runs before it (suggest.lua names chats after
-- wrk's thread objects' addresses, which may come again in a later run).
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "suggest.lua")

local run = os.getenv("BENCH_RUN") or ""
local suggest_setup = setup

function setup(thread)
  suggest_setup(thread)
  thread:set("id", run .. "-" .. thread:get("id"))
end

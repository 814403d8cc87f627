-- wrk script for `scripts/bench-server`: POST /api/suggest with buyer messages of every kind, as
-- chats of CHAT_TURNS turns each (20 by default, a long chat in a shop; set the environment
-- variable to change it), so that turns carry chat state as they do when agents use the panel.
-- The messages are written for the benchmark, not taken from a corpus.
local messages = {
  "老板能便宜点吗", "到四川运费多少", "可以货到付款吗", "什么时候发货啊",
  "快递到哪了，怎么还没到", "少发了一件", "发错颜色了，我要的是黑色", "质量太差了，穿一次就开线",
  "不想要了可以退吗", "这个多大容量", "是实木的吗", "能开发票吗", "地址写错了能改吗",
  "有优惠券吗", "多买几件能少点不", "你们怎么回事！！！我要投诉", "在吗", "谢谢，收到了",
  "帮我催一下快递", "尺码偏大还是偏小",
}
local counter = 0
local turns = tonumber(os.getenv("CHAT_TURNS") or "20")
-- Consecutive requests of a thread go out on its different connections, so a chat is given to
-- one slot of CHAT_SLOTS (the connections per thread: 16 for wrk -t2 -c32): a chat's turns then
-- come one after another, as an agent's do, rather than many of them at once.
local slots = tonumber(os.getenv("CHAT_SLOTS") or "16")

function setup(thread)
  thread:set("id", tostring(thread))
end

function request()
  counter = counter + 1
  local text = messages[(counter % #messages) + 1]
  local chat = "load-" .. id .. "-" .. (counter % slots) .. "-"
    .. math.floor(counter / (turns * slots))
  local body = '{"chat":"' .. chat .. '","text":"' .. text .. '"}'
  return wrk.format("POST", "/api/suggest", { ["Content-Type"] = "application/json" }, body)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    errors.status, errors.connect, errors.read, errors.write, errors.timeout))
end

-- wrk script: replays single-application scoring requests, one JSON body per line of the file given after --.
-- wrk -t2 -c8 -d30s --latency -s score.lua http://localhost:8080 -- target/bench/approve.jsonl
-- The key is SCORING_KEY's value, else the bench server's "bench-key".
local bodies = {}
local next = 0
local key = os.getenv("SCORING_KEY") or "bench-key"

function init(args)
  for line in io.lines(args[1]) do
    bodies[#bodies + 1] = line
  end
end

function request()
  next = next % #bodies + 1
  return wrk.format("POST", "/v1/portfolios/taiwan-cards/score",
    {["Content-Type"] = "application/json", ["X-API-Key"] = key}, bodies[next])
end

function done(summary, latency, requests)
  io.write(string.format("p99.9 %.2f ms, max %.2f ms, requests %d, errors (status) %d, timeouts %d\n",
    latency:percentile(99.9) / 1000, latency.max / 1000, summary.requests, summary.errors.status,
    summary.errors.timeout))
end

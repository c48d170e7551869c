-- wrk script: a steady request rate, for latency at a given load (bin/benchmark-peer). Each connection sends a
-- request, reads the answer, then waits a random 0 to 2 x PACED_DELAY_MS ms (mean PACED_DELAY_MS), so that N
-- connections ask about N x 1000 / (PACED_DELAY_MS + latency) requests/s, spread out rather than in bursts. wrk
-- times each request from its sending, so a server that keeps up is measured at the asked rate; one that does not
-- shows it as a served rate below the asked one.
--   PACED_PATH=/v1/portfolios/taiwan-cards/score PACED_DELAY_MS=11 SCORING_KEY=... \
--     wrk -t2 -c64 -d30s --latency -s paced.lua http://localhost:8080 -- bodies.jsonl
-- Without SCORING_KEY no key header is sent (the Python peer takes none).
local bodies = {}
local next = 0
local path = os.getenv("PACED_PATH") or "/v1/portfolios/taiwan-cards/score"
local pause = tonumber(os.getenv("PACED_DELAY_MS") or "10")
local key = os.getenv("SCORING_KEY")
local headers = {["Content-Type"] = "application/json", ["X-API-Key"] = key ~= "" and key or nil}

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then
      bodies[#bodies + 1] = line
    end
  end
  math.randomseed(os.time() + math.floor(os.clock() * 1000000) + #tostring({}))
end

function request()
  next = next % #bodies + 1
  return wrk.format("POST", path, headers, bodies[next])
end

function delay()
  return math.random(0, 2 * pause)
end

-- after wrk's own summary: the tail beyond its 99 % line (microseconds in wrk, printed in ms)
function done(summary, latency, requests)
  io.write(string.format("p99.9 %.2fms\nmax %.2fms\n", latency:percentile(99.9) / 1000, latency.max / 1000))
end

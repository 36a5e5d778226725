-- List query: current entries of a black list in a random city.
local cities = {"1101", "3101", "3201", "3301", "3502", "3701", "4201", "4301", "4401", "4403", "4602", "5001", "5101", "6101"}
local lists = {"seriousDishonesty", "judgmentDefaulter", "abnormalOperation", "redList", "keyAttention"}
function request()
  return wrk.format("GET", "/v1/lists/" .. lists[math.random(1, #lists)] .. "/entries?state=active&limit=20&region="
      .. cities[math.random(1, #cities)])
end

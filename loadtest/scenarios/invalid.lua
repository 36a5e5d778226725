-- Bad input: malformed codes must cost little and answer 400 problem+json.
local bad = {"91420103MA4K0000X1", "123", "9142010312345678OO", "%E4%B8%AD%E6%96%87"}
function request() return wrk.format("GET", "/v1/entities/" .. bad[math.random(1, #bad)]) end

-- 联合奖惩 check (应查必查) for random codes, as a department (TOKEN from run.sh): a signed decision per
-- request, reused while unchanged. MATTER (default bidding) picks the matter; appointment (任职) makes the
-- measures follow the legal representative, so each check also reads the person's own records and the
-- other entities the same person runs.
package.path = "loadtest/scenarios/?.lua;" .. package.path
local common = require("common")
local codes
local token = os.getenv("TOKEN")
local matter = os.getenv("MATTER") or "bidding"
function init(args) codes = common.lines(os.getenv("DATA") .. "/codes.txt") end
function request()
  return wrk.format("GET", "/v1/measures/check/" .. common.pick(codes) .. "?matter=" .. matter,
      {["Authorization"] = "Bearer " .. token})
end

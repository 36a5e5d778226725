-- 联合奖惩 check (应查必查) for random codes and the bidding matter, as a department (TOKEN from run.sh):
-- a signed decision per request.
package.path = "loadtest/scenarios/?.lua;" .. package.path
local common = require("common")
local codes
local token = os.getenv("TOKEN")
function init(args) codes = common.lines(os.getenv("DATA") .. "/codes.txt") end
function request()
  return wrk.format("GET", "/v1/measures/check/" .. common.pick(codes) .. "?matter=bidding",
      {["Authorization"] = "Bearer " .. token})
end

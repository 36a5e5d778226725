-- 信易贷 eligibility for random codes, as a bank (TOKEN from run.sh).
package.path = "loadtest/scenarios/?.lua;" .. package.path
local common = require("common")
local codes
local token = os.getenv("TOKEN")
function init(args) codes = common.lines(os.getenv("DATA") .. "/codes.txt") end
function request()
  return wrk.format("GET", "/v1/xinyi/xinyidai/eligibility/" .. common.pick(codes), {["Authorization"] = "Bearer " .. token})
end

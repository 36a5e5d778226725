-- 联合奖惩 check for the appointment matter (任职): the measures follow the legal representative, so each
-- check also reads the person's own records and the other entities the same person runs.
package.path = "loadtest/scenarios/?.lua;" .. package.path
local common = require("common")
local codes
local token = os.getenv("TOKEN")
function init(args) codes = common.lines(os.getenv("DATA") .. "/codes.txt") end
function request()
  return wrk.format("GET", "/v1/measures/check/" .. common.pick(codes) .. "?matter=appointment",
      {["Authorization"] = "Bearer " .. token})
end

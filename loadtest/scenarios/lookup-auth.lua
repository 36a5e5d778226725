-- The entity lookup as a partner (TOKEN from run.sh): the same answer as lookup.lua, plus bearer-token
-- verification, so the cost of authentication can be told apart from the work of authenticated endpoints.
package.path = "loadtest/scenarios/?.lua;" .. package.path
local common = require("common")
local codes
local token = os.getenv("TOKEN")
function init(args) codes = common.lines(os.getenv("DATA") .. "/codes.txt") end
function request()
  return wrk.format("GET", "/v1/entities/" .. common.pick(codes), {["Authorization"] = "Bearer " .. token})
end

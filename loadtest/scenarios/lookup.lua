-- Entity lookup: GET /v1/entities/{uscc} for random codes of the loaded set.
-- Parameters: DATA (folder with codes.txt), set by run.sh through the environment.
package.path = "loadtest/scenarios/?.lua;" .. package.path
local common = require("common")
local codes
function init(args) codes = common.lines(os.getenv("DATA") .. "/codes.txt") end
function request() return wrk.format("GET", "/v1/entities/" .. common.pick(codes)) end

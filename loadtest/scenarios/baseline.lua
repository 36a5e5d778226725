-- Baseline: the same lookup against the minimal Vert.x + Redis handler (baseline/Baseline.java).
package.path = "loadtest/scenarios/?.lua;" .. package.path
local common = require("common")
local codes
function init(args) codes = common.lines(os.getenv("DATA") .. "/codes.txt") end
function request() return wrk.format("GET", "/entity/" .. common.pick(codes)) end

-- Name search: GET /v1/entities?q=<part of a real name> (URL-encoded in queries.txt).
package.path = "loadtest/scenarios/?.lua;" .. package.path
local common = require("common")
local queries
function init(args) queries = common.lines(os.getenv("DATA") .. "/queries.txt") end
function request() return wrk.format("GET", "/v1/entities?limit=20&q=" .. common.pick(queries)) end

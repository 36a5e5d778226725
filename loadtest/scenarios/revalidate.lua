-- 304 revalidation: GET /v1/entities/{uscc} with the ETag a client already holds (etags.txt: "code etag").
package.path = "loadtest/scenarios/?.lua;" .. package.path
local common = require("common")
local pairs_
function init(args) pairs_ = common.lines(os.getenv("DATA") .. "/etags.txt") end
function request()
  local line = common.pick(pairs_)
  local code, tag = line:match("^(%S+) (.+)$")
  return wrk.format("GET", "/v1/entities/" .. code, {["If-None-Match"] = tag})
end

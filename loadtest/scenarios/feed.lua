-- Change-feed paging over the large set: 500 changes a page from positions spread across the feed.
package.path = "loadtest/scenarios/?.lua;" .. package.path
local common = require("common")
local positions
function init(args) positions = common.lines(os.getenv("DATA") .. "/positions.txt") end
function request() return wrk.format("GET", "/v1/feeds/licences?limit=500&since=" .. common.pick(positions)) end

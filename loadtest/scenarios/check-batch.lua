-- 联合奖惩 batch check: POST /v1/measures/check with 1,000 bidders for the bidding matter.
local body
local token = os.getenv("TOKEN")
function init(args)
  local f = io.open(os.getenv("DATA") .. "/check-batch.json", "r")
  body = f:read("*a")
  f:close()
end
function request()
  return wrk.format("POST", "/v1/measures/check", {["Authorization"] = "Bearer " .. token,
      ["Content-Type"] = "application/json"}, body)
end

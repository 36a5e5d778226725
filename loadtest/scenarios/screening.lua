-- Batch screening: POST /v1/screening with 1,000 subjects (500 codes, 500 names) as a department.
local body
local token = os.getenv("TOKEN")
function init(args)
  local f = io.open(os.getenv("DATA") .. "/screening.json", "r")
  body = f:read("*a")
  f:close()
end
function request()
  return wrk.format("POST", "/v1/screening", {["Authorization"] = "Bearer " .. token,
      ["Content-Type"] = "application/json"}, body)
end

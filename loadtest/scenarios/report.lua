-- An organisation's own credit report (信用报告), one issued per request: the read model, the disclosures in one
-- multi-search, a number and a row in PostgreSQL, and either the ES256 signature (FORMAT=json) or the PDF
-- rendering (FORMAT=pdf). Organisation tokens for sample codes come from run.sh (org-tokens.txt).
package.path = "loadtest/scenarios/?.lua;" .. package.path
local common = require("common")
local tokens
local path = os.getenv("FORMAT") == "pdf" and "/v1/credit-report.pdf" or "/v1/credit-report"
function init(args) tokens = common.lines(os.getenv("DATA") .. "/org-tokens.txt") end
function request()
  return wrk.format("GET", path, {["Authorization"] = "Bearer " .. common.pick(tokens)})
end

-- Shared helpers: read a data file of one value per line, pick values at random.
local M = {}
function M.lines(path)
  local out = {}
  for line in io.lines(path) do
    if #line > 0 then out[#out + 1] = line end
  end
  return out
end
function M.pick(t) return t[math.random(1, #t)] end
return M

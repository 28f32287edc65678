-- wrk script for the API benchmark: POST a fresh order on every request, as tests/bench/loadgen.py does.
--   wrk -c 4 -d 10s --latency -s tests/bench/check.lua http://127.0.0.1:PORT/api/v1/check -- TOKEN BUYERS
local token, buyers, counter = "", 1000, 0

function init(args)
  token = args[1] or ""
  buyers = tonumber(args[2] or "1000")
  math.randomseed(os.time())
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"order_no": "WRK-%d-%d", "sku_id": "SKU%d", "quantity": %d, "phone": "139%08d", ' ..
    '"receiver": "王伟", "address": "广东省深圳市南山区科技园南路1号"}',
    counter, math.random(1000000000), math.random(0, 199), ({1, 1, 2, 3})[math.random(1, 4)],
    math.random(1, buyers))
  local headers = {["Content-Type"] = "application/json", ["Host"] = "127.0.0.1"}
  if token ~= "" then
    headers["Authorization"] = "Bearer " .. token
  end
  return wrk.format("POST", nil, headers, body)
end

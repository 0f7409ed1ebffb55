-- wrk: draft saves, one client per wrk thread, each on its own document. Every save sends the
-- version the previous answer gave (If-Match), as the editor does, and changes the title (an
-- unchanged save writes nothing, so it would measure no commit).
local count = 0
function setup(thread)
  count = count + 1
  thread:set("tid", count)
end

function init(args)
  local ids = {}
  for line in io.lines(args[1]) do table.insert(ids, line) end
  -- line 1 is the unit, line 2 the GET document, then one draft per client
  doc = ids[tid + 2]
  cookie, csrf = args[2], args[3]
  version = 1
  unit = ids[1]
end

function request()
  local body = '{"document":{"title":"Pelayanan Surat Masuk (bench ' .. version .. ')","unit":"' ..
               unit .. '"},"message":"Simpan otomatis"}'
  return wrk.format("PUT", "/api/v1/sops/" .. doc .. "/draft",
    {["Content-Type"] = "application/json", ["If-Match"] = '"' .. version .. '"',
     ["Cookie"] = cookie, ["X-CSRF-Token"] = csrf}, body)
end

function response(status, headers, body)
  if status == 200 then
    version = tonumber(string.match(headers["ETag"] or headers["etag"] or "", "%d+")) or version
  end
end

function done(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.3f %.3f %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.requests))
end

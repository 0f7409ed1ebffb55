-- wrk: GET one stored document as a signed-in reader; prints a machine-readable summary line.
function init(args)
  wrk.headers["Cookie"] = args[1]
end

function done(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.3f %.3f %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.requests))
end

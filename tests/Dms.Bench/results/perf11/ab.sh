#!/bin/bash
# Gate on/off A/B on the merged branch, without the storage-call log (Azurite --trace-gc only), preload 3000, 1200 docs at 30/s.
W=/work/wt-perf11; END=$(date -d 17:14:45 +%s)
run() { # $1 name $2 concurrency
  local d=/tmp/perf11-slot/lat-$1; mkdir -p $d/logs; local left=$(( END - $(date +%s) ))
  [ $left -lt 190 ] && { echo "$(date -u +%H:%M:%S) no time for lat-$1 ($left s)" >> /tmp/perf11-slot/slot-times.txt; return; }
  echo "$(date -u +%H:%M:%S) latency $1 start; $(uptime)" >> /tmp/perf11-slot/slot-times.txt
  cd $W; echo "$(git rev-parse --short HEAD) start $(uptime)" > $d/uptime.txt
  DMS_CHILD_LOGS=$d/logs DMS_AZURITE_NODE_ARGS="--trace-gc" DMS_BENCH_HUB_SETTINGS="Dms:Storage:BackgroundConcurrency=$2" \
    timeout $left dotnet tests/Dms.Bench/bin/Release/net10.0/Dms.Bench.dll bench --phases latency --rate 30 --documents 1200 --preload 3000 > $d/run.log 2>&1
  echo "rc=$?" >> $d/run.log; echo "end $(uptime)" >> $d/uptime.txt
  cp artifacts/bench/latency.md artifacts/bench/latency-acks.csv artifacts/bench/latency-timeline.json $d/ 2>/dev/null
  echo "$(date -u +%H:%M:%S) latency $1 end; $(uptime)" >> /tmp/perf11-slot/slot-times.txt
}
run nolog-gate4 4
run nolog-gate0 0
echo "$(date -u +%H:%M:%S) A/B done" >> /tmp/perf11-slot/slot-times.txt

#!/bin/bash
# perf12's measurement slot 20:15–20:33 UTC, run under flock /work/bench.lock. Nothing is built here.
# bench --no-reporting of perf12's final binaries (after) and of main 77ec340 (before), back to back, each with its own
# tree's defaults (Azurite's node options included: azurite.node-options on perf12, the fixture's constant on main).
# The after run keeps the hub's log of storage attempts sent again (StorageRetryLog at Information, DMS_CHILD_LOGS).
set -u
A=/work/wt-perf12; B=/work/wt-perf12-before; L=/tmp/perf12-bench; END=$(date -d 20:32:40 +%s)
mkdir -p $L
log() { echo "$(date -u +%H:%M:%S) $*" | tee -a $L/slot-times.txt; }
left() { echo $(( END - $(date +%s) )); }

# A run cut by its timeout may leave its stack behind (hub, Azurite, OEM simulator): stopped by their pids.
cleanup() { # $1 = run log
  for p in $(grep -ho 'pid [0-9]*' $1 2>/dev/null | cut -d' ' -f2); do kill -0 $p 2>/dev/null && tr '\0' ' ' < /proc/$p/cmdline 2>/dev/null | grep -q "/work/wt-perf12" && kill -KILL $p 2>/dev/null && echo "$(date -u +%H:%M:%S) stopped leftover pid $p" >> $L/slot-times.txt; done
}

bench() { # $1 = tree, $2 = name, $3 = hub settings
  cd $1; mkdir -p $L/$2/logs
  echo "perf12 bench --no-reporting ($2) on $(git -C $1 rev-parse --short HEAD), start $(date -u)  $(uptime)" > $L/bench-$2.log
  DMS_CHILD_LOGS=$L/$2/logs DMS_BENCH_HUB_SETTINGS="$3" \
    timeout $(( $(left) - 5 )) dotnet tests/Dms.Bench/bin/Release/net10.0/Dms.Bench.dll bench --no-reporting >> $L/bench-$2.log 2>&1
  echo "rc=$?" >> $L/bench-$2.log
  cleanup $L/bench-$2.log
  echo "end $(date -u)  $(uptime)" >> $L/bench-$2.log
  cp artifacts/bench/report.md artifacts/bench/report.json $L/$2/ 2>/dev/null
}

log "slot start; $(uptime)"
log "bench after start"; bench $A after "Logging:LogLevel:Dms.Adapters.AzureStorage.Internal.StorageRetryLog=Information"; log "bench after end; $(uptime)"
if [ $(left) -gt 340 ]; then log "bench before start"; bench $B before ""; log "bench before end; $(uptime)"; else log "no time for the before bench ($(left) s)"; fi
# If time is left: what starts Azurite's Mark-Compacts (the start reason and the heap's size / limit at each), one
# short latency phase with V8's GC tracing on (perf12's A/B showed --heap-growing-percent does not move them).
if [ $(left) -gt 200 ]; then
  d=$L/lat-gcwhy; mkdir -p $d/logs; cd $A; log "latency gcwhy start; $(uptime)"
  echo "$(git rev-parse --short HEAD) start $(uptime)" > $d/uptime.txt
  DMS_CHILD_LOGS=$d/logs DMS_AZURITE_NODE_ARGS="--trace-gc --trace-gc-verbose --trace-incremental-marking" \
    timeout $(( $(left) - 3 )) dotnet tests/Dms.Bench/bin/Release/net10.0/Dms.Bench.dll bench --phases latency --rate 30 --documents 1200 --preload 3000 > $d/run.log 2>&1
  echo "rc=$?" >> $d/run.log; cleanup $d/run.log; echo "end $(uptime)" >> $d/uptime.txt
  cp artifacts/bench/latency.md artifacts/bench/latency-acks.csv artifacts/bench/latency-timeline.json $d/ 2>/dev/null
  log "latency gcwhy end; $(uptime)"
fi
log "slot done; $(left) s left"

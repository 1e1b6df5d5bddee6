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

bench() { # $1 = tree, $2 = name, $3 = hub settings
  cd $1; mkdir -p $L/$2/logs
  echo "perf12 bench --no-reporting ($2) on $(git -C $1 rev-parse --short HEAD), start $(date -u)  $(uptime)" > $L/bench-$2.log
  DMS_CHILD_LOGS=$L/$2/logs DMS_BENCH_HUB_SETTINGS="$3" \
    timeout $(( $(left) - 5 )) dotnet tests/Dms.Bench/bin/Release/net10.0/Dms.Bench.dll bench --no-reporting >> $L/bench-$2.log 2>&1
  echo "rc=$?" >> $L/bench-$2.log
  echo "end $(date -u)  $(uptime)" >> $L/bench-$2.log
  cp artifacts/bench/report.md artifacts/bench/report.json $L/$2/ 2>/dev/null
}

log "slot start; $(uptime)"
log "bench after start"; bench $A after "Logging:LogLevel:Dms.Adapters.AzureStorage.Internal.StorageRetryLog=Information"; log "bench after end; $(uptime)"
if [ $(left) -gt 340 ]; then log "bench before start"; bench $B before ""; log "bench before end; $(uptime)"; else log "no time for the before bench ($(left) s)"; fi
log "slot done; $(left) s left"

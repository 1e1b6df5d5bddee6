#!/bin/bash
# perf12's measurement slot 19:10–19:30 UTC, run under flock /work/bench.lock: Azurite's GC settings A/B on the
# acknowledgement tail. One binary (below), only Azurite's node options differ
# (DMS_AZURITE_NODE_ARGS, appended to the fixture's default --max-semi-space-size=64). Each run: bench --phases latency
# --rate 30 --documents 1500 --preload 3000 (perf11's shape, a 50 s phase instead of 40 s), Azurite --trace-gc.
# The fifth run also records the machine (perf, 30 s) in its latency phase: a hub profile of the steady state.
set -u
# The binary: perf12's tree if its build finished (main + the one-place Azurite options, same default, and the storage
# retry log — so every run also says how many storage attempts were sent twice and why), else main's.
B=/work/wt-perf12; grep -q "rc=0" /tmp/perf12-build-after.log 2>/dev/null || B=/work/wt-perf12-before
L=/tmp/perf12-slot; END=$(date -d 19:29:40 +%s)
mkdir -p $L
log() { echo "$(date -u +%H:%M:%S) $*" | tee -a $L/slot-times.txt; }
left() { echo $(( END - $(date +%s) )); }

# Azurite's peak resident memory (VmHWM) while the run's Azurite lives: the cost side of a bigger heap.
watch_rss() { # $1 = run log, $2 = out file, $3 = the bench's pid
  local pid=""
  until [ -n "$pid" ]; do sleep 1; kill -0 $3 2>/dev/null || return; pid=$(sed -n 's/^Stack: hub pid [0-9]*, Azurite pid \([0-9]*\).*/\1/p' $1 2>/dev/null); done
  while kill -0 $pid 2>/dev/null; do grep -E "VmHWM|VmRSS" /proc/$pid/status > $2.tmp 2>/dev/null && mv $2.tmp $2; sleep 2; done
}

profile() { # $1 = run log, $2 = folder, $3 = the bench's pid
  until grep -q "^== Latency" $1 2>/dev/null; do sleep 0.5; kill -0 $3 2>/dev/null || return; done
  sleep 5; log "perf record start ($(grep '^Stack: hub pid' $1))"
  perf record -a -g -F 149 -o $2/latency.perf.data -- sleep 30 > $2/perf-record.txt 2>&1
  log "perf record end"
}

counters() { # $1 = run log, $2 = folder, $3 = the bench's pid: the hub's runtime counters over the latency phase
  until grep -q "^== Latency" $1 2>/dev/null; do sleep 0.5; kill -0 $3 2>/dev/null || return; done
  local hub=$(sed -n 's/^Stack: hub pid \([0-9]*\).*/\1/p' $1)
  timeout 60 /tmp/perf12-tools/dotnet-counters collect -p $hub --counters System.Runtime --refresh-interval 1 --format csv -o $2/hub-counters.csv --duration 00:00:00:45 > $2/counters.log 2>&1
}

run() { # $1 = name, $2 = extra node args, $3 = profile?
  local d=$L/lat-$1; mkdir -p $d/logs
  [ $(left) -lt 200 ] && { log "no time for lat-$1 ($(left) s left)"; return; }
  log "latency $1 start ($2); $(uptime)"
  cd $B; echo "$(git rev-parse --short HEAD) node args '$2' start $(uptime)" > $d/uptime.txt
  local env="${4:-}"; [ "$3" = yes ] && env="DOTNET_PerfMapEnabled=1;DOTNET_EnableWriteXorExecute=0"
  DMS_CHILD_LOGS=$d/logs DMS_AZURITE_NODE_ARGS="--trace-gc $2" DMS_BENCH_HUB_ENV="$env" \
  DMS_BENCH_HUB_SETTINGS="Logging:LogLevel:Dms.Adapters.AzureStorage.Internal.StorageRetryLog=Information" \
    timeout $(( $(left) - 3 )) dotnet tests/Dms.Bench/bin/Release/net10.0/Dms.Bench.dll bench --phases latency --rate 30 --documents 1500 --preload 3000 > $d/run.log 2>&1 &
  local pid=$!
  watch_rss $d/run.log $d/azurite-rss.txt $pid &
  [ "$3" = yes ] && profile $d/run.log $d $pid &
  counters $d/run.log $d $pid &
  wait $pid; echo "rc=$?" >> $d/run.log
  echo "end $(uptime)" >> $d/uptime.txt
  cp artifacts/bench/latency.md artifacts/bench/latency-acks.csv artifacts/bench/latency-timeline.json $d/ 2>/dev/null
  wait
  log "latency $1 end; $(uptime)"
}

log "slot start on $B ($(git -C $B rev-parse --short HEAD)); $(uptime)"
run base "" no
run hgp300 "--heap-growing-percent=300" no
run stgc "--single-threaded-gc" no
run hgp300-2 "--heap-growing-percent=300" no
run base-2 "" yes
# If time is left: the hub without DATAS (server GC's dynamic adaptation, .NET 9+ default), for its GC counters and CPU.
run datas0 "" no "DOTNET_GCDynamicAdaptationMode=0"
log "slot done; $(left) s left"

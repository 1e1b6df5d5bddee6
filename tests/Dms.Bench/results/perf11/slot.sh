#!/bin/bash
# perf11's measurement slot (16:52–17:15 UTC), run under flock /work/bench.lock.
# (0) if the merged branch's build did not finish by 16:30, finish it first (the machine otherwise quiet);
# (a) bench --no-reporting after (perf11 0cf77f6 = main e76f389 + the background lane) and before (main e76f389), back
#     to back: the pair differs only by this branch's change;
# (b) a latency phase on the merged branch (rate 30 = half saturation, 1200 documents after the usual 4,500-document
#     preload) with Azurite's --trace-gc and the hub's StorageTimingPolicy at Debug, gate on (the default, 4);
# (c) the focused tests of the merged branch (the projects this branch touches);
# (d) if time is left, the same latency phase with the gate off (Dms:Storage:BackgroundConcurrency=0).
set -u
W=/work/wt-perf11; A=/work/wt-perf11-after0; B=/work/wt-perf11-before; L=/tmp/perf11-slot; END=$(date -d 17:14:40 +%s)
mkdir -p $L
log() { echo "$(date -u +%H:%M:%S) $*" | tee -a $L/slot-times.txt; }
left() { echo $(( END - $(date +%s) )); }

bench() { # $1 = tree, $2 = name
  cd $1
  echo "perf11 bench --no-reporting ($2) on $(git -C $1 rev-parse --short HEAD), start $(date -u)  $(uptime)" > $L/bench-$2.log
  timeout $(( $(left) - 5 )) dotnet tests/Dms.Bench/bin/Release/net10.0/Dms.Bench.dll bench --no-reporting >> $L/bench-$2.log 2>&1
  echo "rc=$?" >> $L/bench-$2.log
  echo "end $(date -u)  $(uptime)" >> $L/bench-$2.log
  mkdir -p $L/$2; cp artifacts/bench/report.md artifacts/bench/report.json $L/$2/ 2>/dev/null
}

latency() { # $1 = name, $2 = background concurrency
  cd $W
  local d=$L/lat-$1; mkdir -p $d/logs
  echo "$(git -C $W rev-parse --short HEAD) start $(uptime)" > $d/uptime.txt
  DMS_CHILD_LOGS=$d/logs DMS_AZURITE_NODE_ARGS="--trace-gc" \
  DMS_BENCH_HUB_SETTINGS="Dms:Storage:BackgroundConcurrency=$2;Logging:LogLevel:Dms.Adapters.AzureStorage.Internal.StorageTimingPolicy=Debug" \
    timeout $(( $(left) - 5 )) dotnet tests/Dms.Bench/bin/Release/net10.0/Dms.Bench.dll bench --phases latency --rate 30 --documents 1200 --preload 4500 > $d/run.log 2>&1
  echo "rc=$?" >> $d/run.log
  echo "end $(uptime)" >> $d/uptime.txt
  cp artifacts/bench/latency.md artifacts/bench/latency-acks.csv artifacts/bench/latency-timeline.json $d/ 2>/dev/null
}

log "slot start; $(uptime)"
if ! grep -q "rc=0" /tmp/perf11-build3.log 2>/dev/null; then
  log "build of merged $(git -C $W rev-parse --short HEAD) start"
  cd $W && dotnet build Dms.sln -c Release -nologo -v quiet -clp:ErrorsOnly > $L/build-merged.log 2>&1; echo "rc=$?" >> $L/build-merged.log
  log "build end: $(tail -1 $L/build-merged.log); $(uptime)"
fi
log "bench after start"; bench $A after; log "bench after end; $(uptime)"
[ $(left) -gt 330 ] && { log "bench before start"; bench $B before; log "bench before end; $(uptime)"; }
[ $(left) -gt 230 ] && { log "latency gate4 start"; latency gate4 4; log "latency gate4 end; $(uptime)"; }
if [ $(left) -gt 150 ]; then
  log "tests start"; cd $W
  timeout $(( $(left) - 5 )) dotnet test tests/Dms.Adapters.AzureStorage.Tests -c Release --no-build > $L/tests-azurestorage.log 2>&1; echo "rc=$?" >> $L/tests-azurestorage.log
  [ $(left) -gt 60 ] && { timeout $(( $(left) - 5 )) dotnet test tests/Dms.Hub.Tests -c Release --no-build > $L/tests-hub.log 2>&1; echo "rc=$?" >> $L/tests-hub.log; }
  log "tests end; $(tail -2 $L/tests-azurestorage.log | head -1 | cut -c1-80) / $(tail -2 $L/tests-hub.log 2>/dev/null | head -1 | cut -c1-80)"
fi
[ $(left) -gt 230 ] && { log "latency gate0 start"; latency gate0 0; log "latency gate0 end; $(uptime)"; }
log "slot done; $(left) s left"

#!/bin/bash
# perf14's MEASUREMENT slot 02:20–02:32 UTC, run under flock /work/bench.lock. Nothing is built here.
# (1) bench --no-reporting of perf14's final binaries, the hub started with its JIT perf map; the whole machine
#     recorded (perf, 149 Hz, call graphs) for 15 s of the claim + RDR phase and 25 s of the steady phase;
# (2) if it still ends by 02:31:40: bench --phases latency at 27/s (half saturation) with Azurite --trace-gc and the
#     processes' logs, for the acknowledgement tail (results/perf11/tail.py sets each slow ack against Azurite's GCs).
set -u
W=/work/wt-perf14; L=/tmp/perf14-slot; R=$W/tests/Dms.Bench/results/perf14; END=$(date -d 02:31:40 +%s)
mkdir -p $L
# A run stopped by its timeout may leave its stack behind: end the processes it printed (by id, ours only).
reap() { for p in $(sed -n 's/^Stack: hub pid \([0-9]*\), Azurite pid \([0-9]*\), OEM simulator pid \([0-9]*\).*/\1 \2 \3/p' $1); do
  grep -qaE "Dms.Functions|azurite|Dms.OemSimulator" /proc/$p/cmdline 2>/dev/null && kill $p && log "ended leftover pid $p"; done; }
log() { echo "$(date -u +%H:%M:%S) $*" | tee -a $L/slot-times.txt; }
left() { echo $(( END - $(date +%s) )); }

record() { # $1 = run log, $2 = phase marker, $3 = delay s, $4 = seconds, $5 = out name, $6 = bench pid
  until grep -q "^== $2" $1 2>/dev/null; do sleep 0.5; kill -0 $6 2>/dev/null || return; done
  sleep $3; log "perf record $5 start ($(grep '^Stack: hub pid' $1))"
  perf record -a -g -F 149 -o $L/$5.perf.data -- sleep $4 > $L/$5-record.txt 2>&1
  log "perf record $5 end"
}

cd $W
log "bench start, commit $(git rev-parse --short HEAD), load $(cut -d' ' -f1-3 /proc/loadavg)"
DMS_BENCH_HUB_ENV="DOTNET_PerfMapEnabled=1;DOTNET_EnableWriteXorExecute=0" \
  timeout $(left) dotnet tests/Dms.Bench/bin/Release/net10.0/Dms.Bench.dll bench --no-reporting > $L/bench.log 2>&1 &
pid=$!
record $L/bench.log "Claim + RDR" 3 15 pair $pid &
record $L/bench.log "Steady" 5 25 steady $pid &
wait $pid; rc=$?
log "bench end rc $rc, load $(cut -d' ' -f1-3 /proc/loadavg)"; reap $L/bench.log
wait
mkdir -p $R/bench && cp artifacts/bench/report.md artifacts/bench/report.json $R/bench/ 2>/dev/null
grep '^Stack: hub pid' $L/bench.log > $L/pids.txt
hub=$(sed -n 's/^Stack: hub pid \([0-9]*\), Azurite pid \([0-9]*\).*/\1/p' $L/pids.txt); az=$(sed -n 's/^Stack: hub pid \([0-9]*\), Azurite pid \([0-9]*\).*/\2/p' $L/pids.txt)
for p in pair steady; do
  perf script -F comm,pid,tid,cpu,time,event,ip,sym,dso -i $L/$p.perf.data 2>/dev/null | python3 $R/classify14.py $hub $az "$p, perf14 $(git rev-parse --short HEAD)" > $R/profile-$p.txt
done
log "profiles classified"

if [ $(left) -ge 190 ]; then
  mkdir -p $L/lat/logs
  log "latency start, load $(cut -d' ' -f1-3 /proc/loadavg)"
  DMS_CHILD_LOGS=$L/lat/logs DMS_AZURITE_NODE_ARGS=--trace-gc \
    timeout $(left) dotnet tests/Dms.Bench/bin/Release/net10.0/Dms.Bench.dll bench --phases latency --rate 27 --documents 900 --preload 1500 > $L/lat/run.log 2>&1
  log "latency end rc $?, load $(cut -d' ' -f1-3 /proc/loadavg)"; reap $L/lat/run.log
  cp artifacts/bench/latency.md artifacts/bench/latency-acks.csv artifacts/bench/latency-timeline.json $L/lat/ 2>/dev/null
else
  log "no time for the latency run ($(left) s left)"
fi
python3 $R/figures.py $R/bench/report.json > $R/figures.txt 2>&1
[ -f $L/lat/latency-acks.csv ] && { python3 $W/tests/Dms.Bench/results/perf11/tail.py $L/lat 100 > $R/tail.txt 2>&1; python3 $R/contention.py $L/lat 100 > $R/contention.txt 2>&1; }
log "slot done"

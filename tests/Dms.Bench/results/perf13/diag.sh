#!/bin/bash
# usage: diag.sh TREE OUTDIR  — niced latency run with an allocation trace of the hub in its steady phase
TREE=$1; OUT=$2; mkdir -p $OUT
cd $TREE
export PATH="$PATH:/root/.dotnet/tools"
uptime > $OUT/uptime-start.txt
nice -n 19 dotnet tests/Dms.Bench/bin/Release/net10.0/Dms.Bench.dll bench --phases latency --rate 30 --documents 1500 --preload 300 > $OUT/bench.log 2>&1 &
BPID=$!
until grep -q "== Latency" $OUT/bench.log; do sleep 2; kill -0 $BPID 2>/dev/null || exit 1; done
HUB=$(grep -o "hub pid [0-9]*" $OUT/bench.log | awk '{print $3}')
echo "hub $HUB" > $OUT/pids.txt
sleep 8
nice -n 19 dotnet-counters collect -p $HUB --counters System.Runtime --refresh-interval 5 --format csv -o $OUT/counters.csv --duration 00:00:40 > /dev/null 2>&1 &
nice -n 19 dotnet-trace collect -p $HUB --providers Microsoft-Windows-DotNETRuntime:0x1:5 --duration 00:00:00:30 -o $OUT/alloc.nettrace > $OUT/trace.log 2>&1
wait $BPID
uptime > $OUT/uptime-end.txt

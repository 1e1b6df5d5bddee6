#!/usr/bin/env python3
# For a latency run (bench --phases latency with DMS_CHILD_LOGS, DMS_AZURITE_NODE_ARGS=--trace-gc and the hub's
# StorageTimingPolicy at Debug): what was going on while each slow acknowledgement waited.
# Per slow acknowledgement (>= SLOW ms): Azurite's GC pauses inside its interval (from --trace-gc: Scavenge and
# Mark-Compact atomic pauses, plus a Mark-Compact's incremental marking window), and the storage calls the hub had
# in flight then: range queries (sweeps) and slow calls (>= 25 ms), by table.
import csv, glob, json, re, sys, collections
run = sys.argv[1]
SLOW = float(sys.argv[2]) if len(sys.argv) > 2 else 100.0
def secs(t): h, m, s = t.split(':'); return int(h) * 3600 + int(m) * 60 + float(s)
acks = [(secs(r['startedAtUtc']), float(r['ms']), r['type'], r['channel']) for r in csv.DictReader(open(f'{run}/latency-acks.csv'))]
t0, t1 = min(a[0] for a in acks), max(a[0] + a[1] / 1000 for a in acks)
# --trace-gc: "HH:MM:SS.fff [pid:0x..]   1234 ms: Scavenge 100.1 (130.2) -> 60.3 (130.2) MB, 12.3 / 0.0 ms ..."
gcs = []  # (end, pause_s, kind, marking_wall_s)
for path in glob.glob(f'{run}/logs/azurite-*.log'):
    for line in open(path, errors='replace'):
        m = re.match(r'(\d\d:\d\d:\d\d\.\d+) .* ms: (Scavenge|Mark-Compact|Mark-sweep)[^,]*MB, ([\d.]+) / ([\d.]+) ms', line)
        if not m: continue
        wall = re.search(r'walltime since start of marking (\d+) ms', line)
        gcs.append((secs(m.group(1)), float(m.group(3)) / 1000, m.group(2), int(wall.group(1)) / 1000 if wall else 0))
calls = []  # (sent, took_s, kind, table, status)
for path in glob.glob(f'{run}/logs/Dms.Functions-*.log'):
    for line in open(path, errors='replace'):
        if '"EventId":1003' not in line: continue
        try: st = json.loads(line)['State']
        except Exception: continue
        calls.append((secs(st['Sent']), float(st['Milliseconds']) / 1000, st['Kind'], st['Table'], st['Status']))
calls = [c for c in calls if t0 - 5 <= c[0] <= t1 + 1]
slow = sorted(a for a in acks if a[1] >= SLOW)
print(f"{run}: {len(acks)} acks, {len(slow)} >= {SLOW:.0f} ms; Azurite GCs in the phase: "
      + ', '.join(f"{k} {n}" for k, n in collections.Counter(g[2] for g in gcs if t0 <= g[0] <= t1).items())
      + f"; hub storage calls logged (queries + >= 25 ms) {len(calls)}")
queries = [c for c in calls if c[2] == 'query']
qt = collections.defaultdict(list)
for c in queries: qt[c[3]].append(c[1] * 1000)
for table, ms in sorted(qt.items()):
    ms.sort(); print(f"  queries on {table}: {len(ms)}, p50 {ms[len(ms)//2]:.0f} ms, max {ms[-1]:.0f} ms, total {sum(ms)/1000:.1f} s")
def overlap(a0, a1, b0, b1): return max(0.0, min(a1, b1) - max(a0, b0))
clusters = []
for a in slow:
    if clusters and a[0] - clusters[-1][-1][0] <= 1.0: clusters[-1].append(a)
    else: clusters.append([a])
expl = collections.Counter()
for c in clusters:
    c0 = c[0][0]; c1 = max(a[0] + a[1] / 1000 for a in c)
    gc_in = [g for g in gcs if overlap(c0, c1, g[0] - max(g[1], g[3]), g[0]) > 0]
    pause = sum(g[1] for g in gc_in)
    mc = [g for g in gc_in if g[2] != 'Scavenge']
    q_in = [q for q in queries if overlap(c0, c1, q[0], q[0] + q[1]) > 0]
    sl = [x for x in calls if x[2] != 'query' and overlap(c0, c1, x[0], x[0] + x[1]) > 0]
    tables = collections.Counter(x[3] for x in sl)
    tag = 'mark-compact' if mc else ('scan' if q_in else ('gc-pauses' if pause > 0.03 else 'other'))
    expl[tag] += len(c)
    print(f"  {c0 - 0:.3f}".replace(f"{c0:.3f}", f"{int(c0//3600):02d}:{int(c0%3600//60):02d}:{c0%60:06.3f}")
          + f" {len(c):3d} acks (max {max(a[1] for a in c):.0f} ms, {c1-c0:.2f} s) | Azurite GC pauses {pause*1000:.0f} ms"
          + (f", Mark-Compact (marking {mc[0][3]*1000:.0f} ms, pause {mc[0][1]*1000:.0f} ms)" if mc else "")
          + f" | queries in flight {len(q_in)}" + (f" ({', '.join(sorted(set(f'{q[3]} {q[1]*1000:.0f}ms' for q in q_in))[:4])})" if q_in else "")
          + f" | slow calls {len(sl)}" + (f" ({', '.join(f'{t} {n}' for t, n in tables.most_common(4))})" if sl else "") + f" -> {tag}")
print("slow acks by what overlapped their cluster: " + ', '.join(f"{k} {n}" for k, n in expl.most_common()))

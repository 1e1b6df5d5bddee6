#!/usr/bin/env python3
# For a latency run: clusters of slow acknowledgements (>= 150 ms, starts within 1.5 s of each other) and, for each, the
# nearest major GC (Mark-Compact) of Azurite from its --trace-gc log, with that GC's marking wall time.
import csv, glob, re, sys, datetime
run = sys.argv[1]
def secs(t): h, m, s = t.split(':'); return int(h) * 3600 + int(m) * 60 + float(s)
acks = [(secs(r['startedAtUtc']), float(r['ms']), r['type']) for r in csv.DictReader(open(f'{run}/latency-acks.csv'))]
t0, t1 = min(a[0] for a in acks), max(a[0] for a in acks)
slow = sorted(a for a in acks if a[1] >= 150)
clusters = []
for a in slow:
    if clusters and a[0] - clusters[-1][-1][0] <= 1.5: clusters[-1].append(a)
    else: clusters.append([a])
gcs = []
for path in glob.glob(f'{run}/logs/azurite-*.log'):
    for line in open(path):
        if 'Mark-Compact' in line:
            m = re.search(r'walltime since start of marking (\d+) ms', line)
            gcs.append((secs(line.split()[0]), int(m.group(1)) if m else -1))
total = len(acks)
print(f"{run}: {total} acknowledgements from {datetime.timedelta(seconds=t0)} ; {len(slow)} took >= 150 ms, in {len(clusters)} clusters")
for c in clusters:
    start = c[0][0]
    near = min(gcs, key=lambda g: abs(g[0] - start)) if gcs else None
    gc = f"Mark-Compact finished {near[0]-start:+.2f} s from the cluster's first start (marking {near[1]} ms)" if near else "no GC log"
    print(f"  {str(datetime.timedelta(seconds=start))[:-3]}  {len(c):3d} acks >= 150 ms (max {max(x[1] for x in c):.0f} ms)   {gc}")
inside = [g for g in gcs if t0 <= g[0] <= t1 + 1]
print(f"  Mark-Compacts during the phase: {len(inside)}, at intervals of " + ', '.join(f"{b[0]-a[0]:.1f}" for a, b in zip(inside, inside[1:])) + " s")

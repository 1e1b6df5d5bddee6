#!/usr/bin/env python3
# One line per latency run (gc-slot.sh's folders): the acknowledgement percentiles, Azurite's collections inside the
# measured phase (Mark-Compacts with their marking wall time and atomic pause, Scavenges), how many of the slow
# acknowledgements (>= 100 ms) fall in a cluster overlapping a Mark-Compact (perf11's tail.py rule), Azurite's largest
# committed heap and peak resident memory, and the processes' mean cores over the phase.
import collections, csv, glob, json, re, sys, statistics
def secs(t): h, m, s = t.split(':'); return int(h) * 3600 + int(m) * 60 + float(s)
def pct(xs, p): xs = sorted(xs); return xs[min(len(xs) - 1, max(0, int(round(p / 100 * len(xs) + 0.5)) - 1))]
print("| run | node args | acks | p50 | p95 | p99 | max | ≥ 100 ms (in a Mark-Compact cluster) | Mark-Compacts in phase (marking ms / pause ms) | Scavenges | largest committed heap MB | Azurite VmHWM MB | hub / Azurite cores | hub ms per ack | storage attempts sent again (whole run) |")
print("|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|---:|---|")
for run in sys.argv[1:]:
    try: rows = list(csv.DictReader(open(f'{run}/latency-acks.csv')))
    except FileNotFoundError: print(f"| {run} | (no acks) |"); continue
    acks = [(secs(r['startedAtUtc']), float(r['ms'])) for r in rows]
    t0, t1 = min(a[0] for a in acks), max(a[0] + a[1] / 1000 for a in acks)
    ms = [a[1] for a in acks]
    gcs, heap = [], 0.0
    for path in glob.glob(f'{run}/logs/azurite-*.log') + glob.glob(f'{run}/azurite-gc.log'):
        for line in open(path, errors='replace'):
            m = re.match(r'(\d\d:\d\d:\d\d\.\d+) .* ms: (Scavenge|Mark-Compact|Mark-sweep)[^\d]*[\d.]+ \(([\d.]+)\) -> [\d.]+ \(([\d.]+)\) MB, ([\d.]+) / ([\d.]+) ms', line)
            if not m: continue
            heap = max(heap, float(m.group(3)), float(m.group(4)))
            wall = re.search(r'walltime since start of marking (\d+) ms', line)
            gcs.append((secs(m.group(1)), float(m.group(5)) / 1000, m.group(2), int(wall.group(1)) / 1000 if wall else 0))
    inphase = [g for g in gcs if t0 <= g[0] <= t1]
    mcs = [g for g in inphase if g[2] != 'Scavenge']
    slow = sorted(a for a in acks if a[1] >= 100)
    clusters = []
    for a in slow:
        if clusters and a[0] - clusters[-1][-1][0] <= 1.0: clusters[-1].append(a)
        else: clusters.append([a])
    in_mc = 0
    for c in clusters:
        c0, c1 = c[0][0], max(a[0] + a[1] / 1000 for a in c)
        if any(min(c1, g[0]) - max(c0, g[0] - max(g[1], g[3])) > 0 for g in gcs if g[2] != 'Scavenge'): in_mc += len(c)
    rss = ''
    try:
        st = open(f'{run}/azurite-rss.txt').read(); rss = str(int(re.search(r'VmHWM:\s+(\d+)', st).group(1)) // 1024)
    except Exception: pass
    cores = ''
    per_ack = ''
    try:
        tl = json.load(open(f'{run}/latency-timeline.json'))
        hub = statistics.mean(x['hubCores'] for x in tl); az = statistics.mean(x['azuriteCores'] for x in tl)
        cores = f"{hub:.2f} / {az:.2f}"; per_ack = f"{hub * 1000 * (t1 - t0) / len(acks):.1f}"
    except Exception: pass
    retries = collections.Counter()
    for path in glob.glob(f'{run}/logs/Dms.Functions-*.log'):
        for line in open(path, errors='replace'):
            if '"EventId":1004' not in line: continue
            try: st = json.loads(line)['State']; retries[f"{st['Kind']} {st['Table']} {st['Outcome']}"] += 1
            except Exception: retries['?'] += 1
    if not retries:
        # Copied results keep the count (storage-retries.txt) instead of the hub's log.
        try:
            lines = open(f'{run}/storage-retries.txt').read().split('\n')
            for l in lines[1:]:
                m = re.match(r'\s+(\d+)\s+(\S+) (\S+) attempt (\d+): (.*)$', l)
                if m: retries[f"{m.group(2)} {m.group(3)} {m.group(5).split(' ')[0]}"] += int(m.group(1))
        except FileNotFoundError: pass
    args = ''
    try: args = re.search(r"node args '([^']*)'", open(f'{run}/uptime.txt').read()).group(1)
    except Exception: pass
    print(f"| {run.rstrip('/').split('/')[-1]} | {args or '(default)'} | {len(acks)} | {pct(ms,50):.1f} | {pct(ms,95):.1f} | {pct(ms,99):.1f} | {max(ms):.1f} | {len(slow)} ({in_mc}) | {len(mcs)}"
          + (f" ({', '.join(f'{g[3]*1000:.0f}/{g[1]*1000:.0f}' for g in mcs)})" if mcs else '')
          + f" | {sum(1 for g in inphase if g[2] == 'Scavenge')} | {heap:.0f} | {rss} | {cores} | {per_ack} | {sum(retries.values())}"
          + (f" ({', '.join(f'{k} {n}' for k, n in retries.most_common(3))})" if retries else '') + " |")

#!/usr/bin/env python3
# Summarises a dotnet-counters CSV: per second, the hub's GC pause, thread-pool queue, lock contentions, and the
# p50/p95/p99 of its server requests and of its outgoing HTTP requests by port (Azurite's table port vs others).
import csv, sys, re, collections
rows = list(csv.reader(open(sys.argv[1])))
hdr = rows[0]; rows = rows[1:]
per = collections.defaultdict(dict)
names = collections.Counter()
for r in rows:
    if len(r) < 5: continue
    ts, prov, name, kind, val = r[0], r[1], r[2], r[3], r[4]
    try: v = float(val)
    except: continue
    per[ts][(prov, name)] = v
    names[(prov, name)] += 1
if len(sys.argv) > 2 and sys.argv[2] == 'names':
    for n, c in sorted(names.items()): print(c, n)
    sys.exit()
def pick(d, pat):
    return {n: v for (p, n), v in d.items() if re.search(pat, n)}
want = sys.argv[2:] or [r'gc.pause.time', r'thread_pool.queue.length', r'lock_contentions', r'thread_pool.thread.count',
    r'http.server.request.duration.*Percentile=99', r'http.client.request.duration.*Percentile=99']
for ts in sorted(per):
    out = []
    for pat in want:
        for n, v in sorted(pick(per[ts], pat).items()):
            out.append(f"{n[:90]}={v:g}")
    print(ts, ' | '.join(out))

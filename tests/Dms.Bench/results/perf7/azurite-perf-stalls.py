#!/usr/bin/env python3
# perf script (comm,tid,time,ip,sym) of Azurite run with --perf-basic-prof, main thread only: label each sample by the
# outermost Azurite table frame (handler / batch / LokiJS store function) or gc; print shares and the long runs of
# consecutive samples under one label (what holds Azurite's single thread in one piece).
import sys, re, collections
path, tid = sys.argv[1], sys.argv[2]
samples, cur = [], None
for line in open(path, errors='replace'):
    if not line.strip():
        if cur: samples.append(cur)
        cur = None; continue
    if not line.startswith((' ', '\t')):
        f = line.split()
        cur = (float(f[2].rstrip(':')), []) if len(f) >= 3 and f[1] == tid else None
        continue
    if cur is not None:
        cur[1].append(line.strip().split(' ', 1)[-1])
if cur: samples.append(cur)
pat = re.compile(r'JS:\*?~?([A-Za-z0-9_$.]+) \S*/(table/(?:handlers|persistence|batch|entity)/[A-Za-z]+)\.js')
loki = re.compile(r'JS:\*?~?([A-Za-z0-9_$.]+) \S*/lokijs/')
def label(frames):
    for f in reversed(frames):
        m = pat.search(f)
        if m and m.group(2).split('/')[-1] in ('TableHandler', 'TableBatchOrchestrator', 'LokiTableMetadataStore', 'TableBatchSerialization'):
            return m.group(2).split('/')[-1] + '.' + m.group(1)
    if any('GC' in f or 'Scavenge' in f or 'MarkCompact' in f or 'Heap::' in f or 'Sweeper' in f for f in frames): return 'gc'
    return 'other'
def leaf(frames):
    for f in frames:
        m = loki.search(f) or pat.search(f)
        if m: return m.group(1)
    return frames[0][:50] if frames else '?'
tagged = [(t, label(f), f) for t, f in samples]
n = len(tagged)
print(f"{n} main-thread samples over {tagged[-1][0]-tagged[0][0]:.1f} s")
for o, c in collections.Counter(o for _, o, _ in tagged).most_common(14): print(f"  {o:70s} {c/n*100:5.1f} %")
runs, start = [], 0
for i in range(1, n + 1):
    if i == n or tagged[i][1] != tagged[start][1] or tagged[i][0] - tagged[i-1][0] > 0.012:
        runs.append((tagged[start][0], tagged[i-1][0], tagged[start][1], i - start, start)); start = i
print("runs of one label lasting >= 60 ms (perf time, ms, label, samples, leaf functions):")
for a, b, o, k, s in sorted([r for r in runs if r[1] - r[0] >= 0.06], key=lambda r: r[0]):
    leaves = collections.Counter(leaf(tagged[j][2]) for j in range(s, s + k))
    print(f"  {a:.3f} {1000*(b-a):6.0f} {o} {k}  {', '.join(f'{x}:{c}' for x, c in leaves.most_common(5))}")
# busy stretches: consecutive main-thread samples never more than 12 ms apart, lasting >= 150 ms
print("busy stretches >= 150 ms (no gap > 12 ms), with their labels and leaf functions:")
start = 0
for i in range(1, n + 1):
    if i == n or tagged[i][0] - tagged[i-1][0] > 0.012:
        a, b = tagged[start][0], tagged[i-1][0]
        if b - a >= 0.15:
            labels = collections.Counter(tagged[j][1] for j in range(start, i))
            leaves = collections.Counter(leaf(tagged[j][2]) for j in range(start, i))
            print(f"  {a:.3f} {1000*(b-a):6.0f} ms {i-start} samples | {', '.join(f'{x}:{c}' for x, c in labels.most_common(4))} | {', '.join(f'{x}:{c}' for x, c in leaves.most_common(6))}")
        start = i

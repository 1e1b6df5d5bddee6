#!/usr/bin/env python3
# Longest runs of consecutive main-thread samples (gaps <= 12 ms) whose stacks all contain the same frame: a frame that
# held the thread in one synchronous piece for that long.
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
        s = line.strip().split(' ', 1)[-1]
        m = re.match(r'JS:\*?~?(\S+)(?: (\S+))?', s)
        cur[1].append(('JS:' + m.group(1) + ' ' + (m.group(2) or '').split('/node_modules/')[-1]) if m else s[:60])
if cur: samples.append(cur)
best = []
# for each sample, frames set; a run continues while the intersection of frame sets (JS frames only) is non-empty
i = 0
n = len(samples)
while i < n:
    common = set(f for f in samples[i][1] if f.startswith('JS:') and 'processTicks' not in f and 'runMicrotasks' not in f)
    j = i
    while j + 1 < n and samples[j+1][0] - samples[j][0] <= 0.012:
        nxt = common & set(samples[j+1][1])
        if not nxt: break
        common = nxt; j += 1
    if samples[j][0] - samples[i][0] >= 0.04:
        # the innermost common frame
        inner = next((f for f in samples[i][1] if f in common), '?')
        outer = next((f for f in reversed(samples[i][1]) if f in common), '?')
        best.append((samples[j][0] - samples[i][0], samples[i][0], j - i + 1, inner, outer))
    i = j + 1
for d, t, k, inner, outer in sorted(best, reverse=True)[:25]:
    print(f"{t:.3f} {d*1000:6.0f} ms {k:4d} samples  innermost common: {inner[:90]}  | outermost: {outer[:90]}")

import sys, collections
path, tid = sys.argv[1], sys.argv[2]
times = []
for line in open(path, errors='replace'):
    if line and not line.startswith((' ', '\t')) and line.strip():
        f = line.split()
        if len(f) >= 3 and f[1] == tid: times.append(float(f[2].rstrip(':')))
t0 = times[0]
bins = collections.Counter(int((t - t0) / 0.25) for t in times)
n = max(bins) + 1
line = []
for b in range(n):
    c = bins.get(b, 0)
    line.append(f"{c*100//125:3d}")
    if (b + 1) % 40 == 0:
        print(f"{t0 + (b-39)*0.25:.2f} " + ' '.join(line)); line = []
print(f"{t0 + (n - len(line))*0.25:.2f} " + ' '.join(line))

#!/usr/bin/env python3
"""Where the hub's CPU goes, from `perf script` of a system-wide `perf record -a -g` with the runtime's perf map
(DOTNET_PerfMapEnabled=1). Usage: perf script -i FILE | classify14.py HUBPID AZURITEPID [LABEL]

Each hub sample gets ONE category (they add up to 100 %):
  1. by thread: the GC's own threads (server GC / background GC) -> "GC", the tiering compiler -> "JIT/tiering";
  2. else by stack, leaf upwards: a GC or allocation frame of the runtime on top -> "GC"; then the first frame that
     names a subsystem (nearest managed caller: a kernel send() under System.Net.Sockets counts as sockets).
Also printed: inclusive shares (a sample counted once if a frame matching the pattern is anywhere on its stack)."""
import collections, re, sys

hub, azurite = sys.argv[1], sys.argv[2]
label = sys.argv[3] if len(sys.argv) > 3 else ''

# Ordered: the first pattern a frame matches names its category.
CATS = [
    ('Azure SDK: table transaction ($batch build, send, parse)', r'Azure\.Data\.Tables.*(SubmitTransaction|BuildChangeSet|Multipart|TableTransaction|ChangeSet)|Azure\.Core.*Multipart|RequestRequestContent'),
    ('Azure SDK: other (pipeline, signing, entity (de)serialisation)', r'\bAzure\.'),
    ('schema validation (NJsonSchema, Newtonsoft)', r'NJsonSchema|Newtonsoft'),
    ('System.Text.Json', r'System\.Text\.Json'),
    ('OpenTelemetry / Activity / metrics', r'OpenTelemetry|System\.Diagnostics\.(Activity|Metrics|DiagnosticSource)'),
    ('resilience (Polly)', r'Polly\.|Microsoft\.Extensions\.Http\.Resilience'),
    ('HTTP client (outbound: OEM, webhooks, storage)', r'System\.Net\.Http'),
    ('sockets / network I/O', r'System\.Net\.Sockets|SocketAsyncEngine|System\.Net\.Security'),
    ('ASP.NET Core / Kestrel (inbound requests)', r'Microsoft\.AspNetCore|SoapCore'),
    ('hub code (Dms.*)', r'\bDms\.'),
    ('crypto (signing, hashing)', r'System\.Security\.Cryptography|libcrypto|libssl'),
    ('compression (Brotli, gzip)', r'System\.IO\.Compression|libSystem\.IO\.Compression|Brotli'),
    ('thread pool / timers / waits', r'PortableThreadPool|ThreadPoolWorkQueue|LowLevelLifoSemaphore|LowLevelSpinWaiter|WorkerThread|TimerQueue|SpinWait|Thread::Sleep|ThreadPool'),
]
GC_FRAME = re.compile(r'gc_heap|GCHeap|WKS::|SVR::|GCToEE|Alloc(ate)?(Small|Large|Object)|JIT_New|RhpNew|memset')

def frame_cat(sym, dso):
    text = sym + ' ' + dso
    for name, pattern in CATS:
        if re.search(pattern, text):
            return name
    return None

def leaf_kind(sym, dso):
    if 'kallsyms' in dso or dso.startswith('[kernel'):
        return 'kernel'
    if 'libcoreclr' in dso:
        return 'runtime'
    if 'libclrjit' in dso:
        return 'jit'
    if sym == '[unknown]':
        return 'unresolved'
    return 'other'

procs = collections.Counter(); cats = collections.Counter(); incl = collections.Counter(); threads = collections.Counter()
leaf = collections.Counter(); leaf_lib = collections.Counter(); unattributed = collections.Counter(); az = collections.Counter()
total = hub_n = 0
INCL = [
    ('TableClient.SubmitTransaction (a $batch, all of it)', r'SubmitTransaction'),
    ('Azure.Core pipeline (every storage call)', r'Azure\.Core\.Pipeline'),
    ('OEM-event endpoint', r'Dms\..*OemEvents'),
    ('intake (DocumentIntake)', r'Dms\..*DocumentIntake'),
    ('work runner (deliver, notify, effects)', r'Dms\..*WorkRunner'),
    ('read-model projector', r'Dms\..*InsightsProjector|Dms\..*ProjectionWriter'),
    ('schema validation', r'NJsonSchema|Dms\..*SchemaCatalog|Dms\..*ValidJson'),
    ('document cache copies', r'Dms\..*DocumentCache'),
    ('Kestrel request handling', r'Microsoft\.AspNetCore\.Server\.Kestrel'),
    ('System.Text.Json', r'System\.Text\.Json'),
]

for block in sys.stdin.read().split('\n\n'):
    rows = [r for r in block.strip('\n').split('\n') if r.strip()]
    if not rows:
        continue
    m = re.match(r'\s*(\S.*?)\s+(\d+)(?:/(\d+))?\s+\[', rows[0]) or re.match(r'\s*(\S.*?)\s+(\d+)(?:/(\d+))?\s+', rows[0])
    if not m:
        continue
    comm, pid = m.group(1), m.group(2)
    total += 1
    frames = []
    for r in rows[1:]:
        fm = re.match(r'\s*[0-9a-f]+\s+(.*?)\s+\((.*)\)\s*$', r)
        if fm:
            frames.append((fm.group(1), fm.group(2)))
    if pid == azurite:
        az['samples'] += 1
        if any(re.search(r'MarkCompact|Scavenge|Heap::|GCTracer|ConcurrentMarking|Sweeper|IncrementalMarking', s) for s, _ in frames):
            az['V8 GC (inclusive)'] += 1
    procs[pid if pid in (hub, azurite) else 'other:' + comm.split()[0]] += 1
    if pid != hub or not frames:
        continue
    hub_n += 1
    thread = re.sub(r'\s*\d+$', '', comm)
    threads[thread] += 1
    leaf[frames[0][0][:120]] += 1
    sym0, dso0 = frames[0]
    leaf_lib['kernel' if 'kallsyms' in dso0 else 'runtime native (libcoreclr, unsymbolised: allocation helpers, casts, barriers, GC)' if 'libcoreclr' in dso0
             else 'JIT compiler (libclrjit)' if 'libclrjit' in dso0 else 'managed code (perf map)' if 'perf-' in dso0
             else 'managed ReadyToRun code (no symbol)' if dso0.endswith('.dll') else 'libc / other native'] += 1
    text_stack = [s + ' ' + d for s, d in frames]
    for name, pattern in INCL:
        if any(re.search(pattern, t) for t in text_stack):
            incl[name] += 1
    if re.search(r'Server GC|BGC|\.NET GC', thread):
        cats['GC (collector threads)'] += 1
        continue
    if re.search(r'Tiered|JIT', thread) or any('libclrjit' in d for _, d in frames[:3]):
        cats['JIT / tiering'] += 1
        continue
    if 'libcoreclr' in frames[0][1] and GC_FRAME.search(frames[0][0]) or (frames[0][0].startswith('__memset') and any('libcoreclr' in d and GC_FRAME.search(s) for s, d in frames[1:4])):
        cats['GC (allocating thread: allocation, zeroing, marking)'] += 1
        continue
    found = None
    for s, d in frames:
        found = frame_cat(s, d)
        if found:
            break
    if not found:
        kind = leaf_kind(*frames[0])
        found = {'kernel': 'kernel (no managed caller found)', 'runtime': 'runtime (other: stubs, casts, type loader)', 'unresolved': 'unresolved (no symbol)'}.get(kind, 'BCL / other (async machinery, collections, strings)')
        unattributed[frames[-1][0][:100]] += 1
    cats[found] += 1

print(f"# hub CPU by category{' — ' + label if label else ''}")
print(f"samples (whole machine): {total}; hub {hub_n} = {100 * hub_n / max(1, total):.1f} % of the machine's samples; Azurite {procs[azurite]} = {100 * procs[azurite] / max(1, total):.1f} %")
print("by process (top 8):")
for p, n in procs.most_common(8):
    print(f"  {100 * n / max(1, total):5.1f}%  {p}{' (hub)' if p == hub else ' (Azurite)' if p == azurite else ''}")
print(f"\nhub: one category per sample (sums to 100 %):")
for c, n in cats.most_common():
    print(f"  {100 * n / max(1, hub_n):5.1f}%  {c}")
print(f"\nhub: inclusive (a sample counts once when a frame is on its stack; overlapping):")
for c, n in sorted(incl.items(), key=lambda x: -x[1]):
    print(f"  {100 * n / max(1, hub_n):5.1f}%  {c}")
print(f"\nhub: where the leaf frame is (self time by library):")
for c, n in leaf_lib.most_common():
    print(f"  {100 * n / max(1, hub_n):5.1f}%  {c}")
print(f"\nhub: by thread name:")
for c, n in threads.most_common(10):
    print(f"  {100 * n / max(1, hub_n):5.1f}%  {c}")
print(f"\nhub: top leaf symbols:")
for c, n in leaf.most_common(15):
    print(f"  {100 * n / max(1, hub_n):5.1f}%  {c}")
print(f"\nAzurite: {az['samples']} samples, V8 GC on the stack in {100 * az['V8 GC (inclusive)'] / max(1, az['samples']):.1f} %")

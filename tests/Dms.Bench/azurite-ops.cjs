// Preloaded into Azurite (DMS_AZURITE_NODE_ARGS="--require <this file>", DMS_AZURITE_OPS_FILE=<out>): counts and times
// each table-store operation of Azurite's LokiJS metadata store per table (and, for queries, per filter shape), and
// appends the running totals as one JSON line every 10 s — which per-row operations cost what as the tables grow.
// The store's leaf methods do all their work synchronously (no await before they return), so the time measured
// around the call is the operation's own CPU on Azurite's thread.
const path = require('path');
const fs = require('fs');
const Store = require(path.join(__dirname, '..', '..', 'node_modules', 'azurite', 'dist', 'src', 'table', 'persistence', 'LokiTableMetadataStore.js')).default;
const out = process.env.DMS_AZURITE_OPS_FILE;
const stats = {};
const sizes = {};
// Written rows by their property count after the write (merges copy the stored row's properties whole, so a row that
// keeps growing makes each merge into it dearer): `${table} ${op} p<N` -> count, ms, largest row seen.
const widths = {};
const widthBand = n => n < 32 ? 'p<32' : n < 256 ? 'p<256' : n < 2048 ? 'p<2048' : 'p>=2048';
// Literals become '?', except a row-key kind's bounds ('f|', 'w|~': which scan it is).
const shape = f => (f || '').replace(/'[^']*'/g, m => /^'[a-z]\|~?'$/.test(m) ? m : "'?'").replace(/datetime'[^']*'/g, "datetime'?'").slice(0, 160);
for (const name of ['insertTableEntity', 'updateTableEntity', 'mergeTableEntity', 'deleteTableEntity', 'queryTableEntities', 'queryTableEntitiesWithPartitionAndRowKey']) {
  const original = Store.prototype[name];
  Store.prototype[name] = function (...args) {
    const table = name === 'queryTableEntities' ? args[2] : args[1];
    // Point operations by the row key's kind (its text up to the first '|', else its first two characters).
    const row = name === 'deleteTableEntity' || name === 'queryTableEntitiesWithPartitionAndRowKey' ? args[4] : args[3] && args[3].RowKey;
    const kind = typeof row === 'string' ? (row.includes('|') ? row.split('|')[0] : row.slice(0, 2)) : '';
    const key = name === 'queryTableEntities' ? `${table} ${name} ${shape(args[3] && args[3].filter)}` : `${table} ${name} ${kind}`;
    const start = process.hrtime.bigint();
    let result;
    try {
      return result = original.apply(this, args);
    } finally {
      const s = stats[key] || (stats[key] = { n: 0, ms: 0 });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      s.n++;
      s.ms += ms;
      if (result && typeof result.then === 'function' && /^(insert|update|merge)TableEntity$/.test(name)) {
        result.then(entity => {
          const n = entity && entity.properties ? Object.keys(entity.properties).length : 0;
          const w = widths[`${table} ${name} ${widthBand(n)}`] || (widths[`${table} ${name} ${widthBand(n)}`] = { n: 0, ms: 0, max: 0 });
          w.n++;
          w.ms += ms;
          w.max = Math.max(w.max, n);
        }, () => { });
      }
      try {
        sizes[table] = this.getEntityCollection(name === 'queryTableEntities' ? args[1] : args[2], table, args[0]).count();
      } catch { }
    }
  };
}
const write = () => {
  const cpu = process.cpuUsage();
  fs.appendFileSync(out, JSON.stringify({ t: Date.now(), cpuMs: (cpu.user + cpu.system) / 1000, sizes, stats, widths }) + '\n');
};
// DMS_AZURITE_OPS_ON_SIGNAL=1: only when sent SIGUSR2 (e.g. as each console page ends), not every 10 s.
if (process.env.DMS_AZURITE_OPS_ON_SIGNAL === '1') {
  process.on('SIGUSR2', write);
} else {
  setInterval(write, 10000).unref();
}

// Preloaded into the console bench's Azurite (NODE_OPTIONS --require, with --expose-gc): on SIGUSR2 it runs a full
// garbage collection and writes process.memoryUsage() to DMS_AZURITE_HEAP_FILE — the live heap the stored rows need,
// apart from the garbage and slack that make up much of the resident size.
process.on('SIGUSR2', () => {
  global.gc();
  require('fs').writeFileSync(process.env.DMS_AZURITE_HEAP_FILE, JSON.stringify(process.memoryUsage()));
});

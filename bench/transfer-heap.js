'use strict';
// A Node process with a big heap for the snapshot transfer benchmark (SnapshotTransferBenchmark).
// usage: node --inspect=127.0.0.1:0 --expose-gc transfer-heap.js <objects> <scratch directory>
// Defines writeSnapshotTimed(): v8.writeHeapSnapshot() of this heap, timed in the process.
const v8 = require('v8');
const path = require('path');
const objects = +process.argv[2] || 2000000;
const scratch = process.argv[3] || '.';
class RequestRecord { constructor(i) { this.url = '/item/' + i; this.at = i; this.tags = ['a', 'b']; } }
const keep = [];
for (let i = 0; i < objects; i++) keep.push({ k: 'key' + i, v: i, nested: { x: i } });
for (let i = 0; i < objects / 10; i++) keep.push(new RequestRecord(i));
globalThis.keep = keep;
globalThis.writeSnapshotTimed = () => {
  const start = process.hrtime.bigint();
  v8.writeHeapSnapshot(path.join(scratch, 'node-written.heapsnapshot'));
  return Number(process.hrtime.bigint() - start) / 1e6;
};
global.gc();
console.log('ready, heap used ' + process.memoryUsage().heapUsed + ' bytes');
setInterval(() => {}, 1 << 30);

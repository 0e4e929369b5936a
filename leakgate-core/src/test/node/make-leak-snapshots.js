'use strict';
// Writes the snapshots of a gate run from ONE process, for the leak analysis' tests: a baseline after a warm-up,
// then one snapshot after each of three rounds of "requests". Three independent causes leak per request:
//   - a module-level Map of sessions, each Session keeping a Date and an Array (one cause, its symptoms under it);
//   - a listener per request on a long-lived emitter (the listeners array keeps closures and their scopes);
//   - a logger per request piped into one shared stream: five listener arrays hold closures over the logger,
//     so no single object keeps the loggers; one cause all the same.
// Allocations of the last round are tracked (in-process inspector), so its snapshot carries allocation stacks.
// Run: node --expose-gc make-leak-snapshots.js <output directory>
// The line numbers of the marked statements are asserted by the tests: keep them stable or update the tests.
const fs = require('fs');
const path = require('path');
const v8 = require('v8');
const inspector = require('inspector');
const { EventEmitter } = require('events');

class Session {
  constructor(id) {
    this.id = id;
    this.createdAt = new Date();
    this.cart = [];
  }
}

const sessions = new Map();
const configBus = new EventEmitter();
configBus.setMaxListeners(0);
const sharedStream = new EventEmitter();
sharedStream.setMaxListeners(0);

class RequestLogger {
  constructor(requestId) {
    this.requestId = requestId;
    this.lines = [];
  }
}

function handleRequest(n) {
  const session = new Session('session-' + n);
  sessions.set(session.id, session); // line 41: the sessions leak's store
  configBus.on('reload', function onReload() { return n; }); // line 42: the listener leak
  const logger = new RequestLogger(n); // line 43: the logger leak
  for (const event of ['unpipe', 'drain', 'error', 'close', 'finish']) {
    sharedStream.on(event, () => logger.lines.push(event));
  }
}

const WARMUP = 100;
const PER_ROUND = 200;
let served = 0;
function serve(count) {
  for (let i = 0; i < count; i++) {
    handleRequest(served++);
  }
}

function snapshot(label) {
  global.gc();
  v8.writeHeapSnapshot(path.join(process.argv[2], label + '.heapsnapshot'));
}

fs.mkdirSync(process.argv[2], { recursive: true });
serve(WARMUP);
snapshot('s0');
serve(PER_ROUND);
snapshot('s1');
serve(PER_ROUND);
snapshot('s2');
const session = new inspector.Session();
session.connect();
session.post('HeapProfiler.enable');
session.post('HeapProfiler.startTrackingHeapObjects', { trackAllocations: true });
serve(PER_ROUND);
snapshot('s3');
session.post('HeapProfiler.stopTrackingHeapObjects');
session.disconnect();

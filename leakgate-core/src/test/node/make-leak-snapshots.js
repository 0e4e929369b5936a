'use strict';
// Writes the snapshots of a gate run from ONE process, for the leak analysis' tests: a baseline after a warm-up,
// then one snapshot after each of three rounds of "requests". Three independent causes leak per request:
//   - a module-level Map of sessions, each UserSession keeping a Date and an Array (one cause, its symptoms under it);
//   - a listener per request on a long-lived emitter (the listeners array keeps closures and their scopes);
//   - a logger per request piped into one shared stream: five listener arrays hold closures over the logger,
//     so no single object keeps the loggers; one cause all the same.
// Allocations of the last round are tracked (in-process inspector), so its snapshot carries allocation stacks;
// heap compaction is off meanwhile, as in the gate's diagnosis, or the objects it moves would lose them.
// Run: node --expose-gc make-leak-snapshots.js <output directory>
// The line numbers of the marked statements are asserted by the tests: keep them stable or update the tests.
const fs = require('fs');
const path = require('path');
const v8 = require('v8');
const inspector = require('inspector');
const { EventEmitter } = require('events');

class UserSession {
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

// Each leak in a function of its own, as independent code would be: closures of one function share one scope.
function rememberSession(n) {
  const session = new UserSession('session-' + n);
  sessions.set(session.id, session); // line 42: the sessions leak's store
}

function listenForReload(n) {
  configBus.on('reload', function onReload() { return n; }); // line 46: the listener leak
}

function logRequest(n) {
  const logger = new RequestLogger(n);
  for (const event of ['unpipe', 'drain', 'error', 'close', 'finish']) {
    sharedStream.on(event, () => logger.lines.push(event)); // line 52: the logger leak
  }
}

function handleRequest(n) {
  rememberSession(n);
  listenForReload(n);
  logRequest(n);
}

// The tests assert which function each leak's stack ends in. An optimizing compiler may inline these into
// handleRequest, which then ends the stack one frame early (seen on Node 26): keep them out of its reach.
v8.setFlagsFromString('--allow-natives-syntax');
[rememberSession, listenForReload, logRequest].forEach(new Function('fn', '%NeverOptimizeFunction(fn)'));

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

// Like a server, the handler stays reachable from a handle (here a timer that never fires), and the rounds run
// after the module has loaded, so that nothing but that keeps the module's scope alive.
setInterval(handleRequest, 1e9).unref();
const steps = [
  () => serve(WARMUP), () => snapshot('s0'),
  () => serve(PER_ROUND), () => snapshot('s1'),
  () => serve(PER_ROUND), () => snapshot('s2'),
  () => {
    inspector.session = new inspector.Session();
    inspector.session.connect();
    v8.setFlagsFromString('--no-compact');
    inspector.session.post('HeapProfiler.enable');
    inspector.session.post('HeapProfiler.startTrackingHeapObjects', { trackAllocations: true });
  },
  () => serve(PER_ROUND), () => snapshot('s3'),
  () => inspector.session.disconnect(),
];
fs.mkdirSync(process.argv[2], { recursive: true });
(function next() {
  steps.shift()();
  if (steps.length > 0) {
    setImmediate(next);
  }
}());

'use strict';
// Writes a series of heap snapshots from ONE process, with known contents, for the snapshot
// engine's tests. Run: node --expose-gc make-test-snapshots.js <output directory>
// The line numbers of the marked declarations below are asserted by the tests: keep them stable
// or update the tests.
const fs = require('fs');
const path = require('path');
const v8 = require('v8');

class RequestRecord {
  // The snapshot places instances at the constructor: 0-based line 11, column 13.
  constructor(id) {
    this.id = id;
    this.url = '/orders/' + id;
  }
}

class CycleNode {
  constructor(name) {
    this.name = name;
    this.peer = null;
  }
}

class WeakTarget {}
class WeakMapKey {}
class WeakMapValue {}

function makeHandler(n) {
  // Closures are placed at their function: 0-based line 30.
  return function leakgateHandler() {
    return n;
  };
}

// Module-level state used by a function lives in the module wrapper's context, like a real
// service's caches.
const leaks = [];

function serveRequests(first, count) {
  for (let id = first; id < first + count; id++) {
    leaks.push(new RequestRecord(id));
  }
}

const first = new CycleNode('first');
const second = new CycleNode('second');
first.peer = second;
second.peer = first;
const fixture = {
  cycle: first,
  buffer: Buffer.alloc(64 * 1024, 1),
  timer: setInterval(Date.now, 60 * 60 * 1000),
  weakRef: new WeakRef(new WeakTarget()),
  weakMap: new WeakMap(),
  weakKey: new WeakMapKey(),
  handlers: [],
  sessions: new Map(),
  shapes: [],
  texts: [],
};
serveRequests(0, 100);
for (let i = 0; i < 20; i++) fixture.handlers.push(makeHandler(i));
for (let i = 0; i < 10; i++) {
  fixture.sessions.set('session-' + i, { leakgateUser: 'user-' + i, leakgateScore: 'score-' + i });
}
// Small integers are stored inline, not as references, so the snapshot would not show them.
for (let i = 0; i < 30; i++) fixture.shapes.push({ leakgateUser: 'shape-' + i, leakgateScore: 'score-' + i });
for (let i = 0; i < 5; i++) fixture.texts.push('leakgate-text-' + i + '-' + 'z'.repeat(40));
fixture.weakMap.set(fixture.weakKey, new WeakMapValue());
globalThis.leakgateFixture = fixture;

function snapshot(label) {
  global.gc();
  v8.writeHeapSnapshot(path.join(process.argv[2], label + '.heapsnapshot'));
}

// Between s1 and s2 some objects of each kind come and go, for the Comparison view's columns.
class Session {
  constructor(user) {
    this.user = user;
  }
}
const churn = { sessions: [], maps: [], buffers: [], arrays: [], handlers: [], texts: [] };
fixture.churn = churn;

function prepareChurn() {
  for (let i = 0; i < 30; i++) churn.sessions.push(new Session(i));
  churn.maps.push(new Map([[1, 1]]), new Map([[2, 2]]));
  churn.buffers.push(Buffer.alloc(2048, 1));
  churn.arrays.push([1, 2, 3], [4, 5, 6]);
  for (let i = 0; i < 5; i++) churn.handlers.push(makeHandler(i));
}

// Expected from s1 to s2: Session +20 -10, Map +2 -1, Buffer +3 -1, Array +4 -1,
// Function +7 -3, and 5 new strings of 100 characters each.
function churnBetweenS1AndS2() {
  churn.sessions.splice(0, 10);
  for (let i = 30; i < 50; i++) churn.sessions.push(new Session(i));
  churn.maps.shift();
  churn.maps.push(new Map([[3, 3]]), new Map([[4, 4]]));
  churn.buffers.shift();
  for (let i = 0; i < 3; i++) churn.buffers.push(Buffer.alloc(2048, 2));
  churn.arrays.shift();
  for (let i = 0; i < 4; i++) churn.arrays.push([7, 8, i]);
  churn.handlers.splice(0, 3);
  for (let i = 0; i < 7; i++) churn.handlers.push(makeHandler(i));
  for (let i = 0; i < 5; i++) churn.texts.push(String.fromCharCode(97 + i).repeat(100));
}

// A WeakRef keeps its target alive until the current job ends: snapshot from a later job so
// that the WeakTarget is really gone.
setImmediate(() => {
  fs.mkdirSync(process.argv[2], { recursive: true });
  snapshot('s0');
  serveRequests(100, 50);
  prepareChurn();
  snapshot('s1');
  serveRequests(150, 50);
  churnBetweenS1AndS2();
  snapshot('s2');
  clearInterval(fixture.timer);
});

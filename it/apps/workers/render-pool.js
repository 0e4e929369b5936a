// Hands every page to a render worker, as services that move rendering off the main thread do. KEEP_JOBS=1 makes
// the worker keep every job; KEEP_REQUESTS=1 makes this main thread keep a record of every request instead.
const http = require('node:http');
const path = require('node:path');
const { Worker } = require('node:worker_threads');

class ServedPage {
  constructor(id, url) {
    this.id = id;
    this.url = url;
  }
}

const worker = new Worker(path.join(__dirname, 'render-worker.js'), {
  workerData: { keepJobs: process.env.KEEP_JOBS === '1' },
});
const served = [];
const waiting = new Map();
let nextId = 0;

worker.on('message', ({ id, html }) => {
  const res = waiting.get(id);
  waiting.delete(id);
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end(html);
});

http.createServer((req, res) => {
  const id = nextId++;
  if (process.env.KEEP_REQUESTS === '1') {
    served.push(new ServedPage(id, req.url));
  }
  waiting.set(id, res);
  worker.postMessage({ id, title: `page ${id}` });
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('render pool listening'));

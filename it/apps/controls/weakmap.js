// Per-request data kept in a WeakMap keyed by the request: it goes when the request goes.
const http = require('node:http');

const timings = new WeakMap();

class RequestTiming {
  constructor() {
    this.start = process.hrtime.bigint();
  }
}

http.createServer((req, res) => {
  timings.set(req, new RequestTiming());
  res.end(`started ${timings.get(req).start}\n`);
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('weakmap listening'));

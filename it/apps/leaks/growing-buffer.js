// An audit trail appended to one Buffer per request: a single object whose off-heap bytes grow while no
// constructor gains instances.
const http = require('node:http');

let auditTrail = Buffer.alloc(0);

http.createServer((req, res) => {
  auditTrail = Buffer.concat([auditTrail, Buffer.from(`${req.method} ${req.url}\n`)]);
  res.end('ok\n');
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('growing-buffer listening'));

// An audit trail appended to one Buffer per request: a single object whose off-heap bytes grow while no
// constructor gains instances. Each line carries a time and a request id, as audit lines do. (From Node 24 on, a
// Buffer under 32 KiB is a slice of a shared 64 KiB pool, Buffer.poolSize, whose growth no snapshot can tell
// apart; these lines outgrow that within the warm-up.)
const http = require('node:http');
const { randomUUID } = require('node:crypto');

let auditTrail = Buffer.alloc(0);

http.createServer((req, res) => {
  auditTrail = Buffer.concat([auditTrail, Buffer.from(`${new Date().toISOString()} ${randomUUID()} ${req.method} ${req.url}\n`)]);
  res.end('ok\n');
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('growing-buffer listening'));

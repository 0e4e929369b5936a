// A logger created per request (to tag its lines with the request id) on one shared transport: each logger
// pipes into the transport, which keeps a set of listeners for every logger ever created.
const http = require('node:http');
const { Writable } = require('node:stream');
const winston = require('winston');

const sink = new Writable({ write(chunk, encoding, done) { done(); } });
const shared = new winston.transports.Stream({ stream: sink });
let nextRequestId = 0;

http.createServer((req, res) => {
  const requestId = nextRequestId++;
  const log = winston.createLogger({ defaultMeta: { requestId }, transports: [shared] });
  log.info('order listed');
  res.end('ok\n');
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('winston-logger listening'));

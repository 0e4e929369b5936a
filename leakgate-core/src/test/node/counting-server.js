// Test server for the load generator: records every request it receives so tests can check exact counts and order.
// Usage: node counting-server.js [--max-requests-per-socket N]
// Prints "listening <port>" once ready. Paths starting with /__ are control endpoints and are not recorded.
'use strict';
const http = require('http');

const options = {};
for (let i = 2; i < process.argv.length; i += 2) {
  options[process.argv[i].replace(/^--/, '')] = Number(process.argv[i + 1]);
}

let log = [];
let connections = 0;

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    if (req.url.startsWith('/__')) {
      control(req, res);
      return;
    }
    countConnection(req.socket);
    log.push([req.socket.leakgateId, req.method, req.url, req.headers['content-type'] || '-', body.toString('base64')].join(' '));
    respond(req, res, body);
  });
});

function control(req, res) {
  const answers = {
    '/__count': () => String(log.length),
    '/__log': () => log.join('\n'),
    '/__connections': () => String(connections),
    '/__reset': () => { log = []; connections = 0; return 'ok'; },
    // What a server's keep-alive timeout does, without making the test wait for it.
    '/__close-idle': () => { server.closeIdleConnections(); return 'ok'; },
  };
  const answer = answers[req.url];
  res.writeHead(answer ? 200 : 404, { 'Content-Type': 'text/plain' });
  res.end(answer ? answer() : 'unknown control path');
}

function respond(req, res, body) {
  if (req.url === '/chunked') {
    res.writeHead(200, { 'Content-Type': 'text/plain', Trailer: 'X-Parts' });
    res.write('first part, ');
    res.write('second part, ');
    res.addTrailers({ 'X-Parts': '3' });
    res.end('last part');
  } else if (req.url === '/close') {
    res.writeHead(200, { 'Content-Type': 'text/plain', Connection: 'close' });
    res.end('closing');
  } else if (req.url.startsWith('/delay/')) {
    setTimeout(() => res.end('late'), Number(req.url.substring('/delay/'.length)));
  } else if (req.url.startsWith('/status/')) {
    res.statusCode = Number(req.url.substring('/status/'.length));
    res.end('status ' + res.statusCode);
  } else {
    res.setHeader('Content-Type', 'text/plain');
    res.end('received ' + body.length + ' bytes');
  }
}

let nextConnectionId = 0;
// Counted on the first recorded request so that the tests' own control connections stay out of the figure.
function countConnection(socket) {
  if (socket.leakgateId === undefined) {
    socket.leakgateId = 'c' + nextConnectionId++;
    connections++;
  }
}
if (options['max-requests-per-socket']) server.maxRequestsPerSocket = options['max-requests-per-socket'];

server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));

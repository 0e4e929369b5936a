// Test server that answers with canned raw HTTP bytes, to exercise response framings that Node's http module
// never produces (bodies delimited by close, interim responses, chunk extensions, malformed or cut-off responses).
// Prints "listening <port>" once ready. GET /__count (arrivals per path) and /__connections report what it saw.
// Usage: node raw-server.js [--idle-timeout MILLIS] (closes connections idle that long, as keep-alive timeouts do)
'use strict';
const net = require('net');

const idleTimeoutIndex = process.argv.indexOf('--idle-timeout');
const idleTimeout = idleTimeoutIndex > 0 ? Number(process.argv[idleTimeoutIndex + 1]) : 0;

const CANNED = {
  '/content-length': { bytes: 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello' },
  '/chunked-extensions': {
    bytes: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'
      + '5;name=value\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Checksum: abc\r\nX-More: def\r\n\r\n',
  },
  '/interim': {
    bytes: 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </style.css>\r\n\r\n'
      + 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
  },
  '/no-content': { bytes: 'HTTP/1.1 204 No Content\r\n\r\n' },
  '/not-modified': { bytes: 'HTTP/1.1 304 Not Modified\r\nContent-Length: 100\r\n\r\n' },
  '/head': { bytes: 'HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n' },
  '/close-delimited': { bytes: 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nbody until the end', close: true },
  '/http10': { bytes: 'HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok', close: true },
  '/garbage': { bytes: 'SSH-2.0-OpenSSH_9.2\r\n\r\n', close: true },
  '/truncated': { bytes: 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc', close: true },
  '/silent-close': { bytes: '', close: true },
};

const arrivals = {};
let connections = 0;

const server = net.createServer((socket) => {
  let pending = Buffer.alloc(0);
  socket.on('data', (data) => {
    pending = Buffer.concat([pending, data]);
    let end;
    // The load generator's requests here carry no body, so a request ends at the blank line after its headers.
    while (socket.writable && (end = pending.indexOf('\r\n\r\n')) >= 0) {
      const head = pending.subarray(0, end).toString('latin1');
      pending = pending.subarray(end + 4);
      answer(socket, head.split(' ')[1]);
    }
  });
  socket.on('error', () => {});
});

function answer(socket, path) {
  if (path.startsWith('/__')) {
    const text = path === '/__count' ? JSON.stringify(arrivals) : String(connections);
    socket.write('HTTP/1.1 200 OK\r\nContent-Length: ' + Buffer.byteLength(text) + '\r\n\r\n' + text);
    return;
  }
  arrivals[path] = (arrivals[path] || 0) + 1;
  // Counted on the first request so that the tests' own control connections stay out of the figure.
  if (!socket.counted) {
    socket.counted = true;
    connections++;
    // Only load connections time out: the tests' control client reuses its connection and must not lose it.
    if (idleTimeout) socket.setTimeout(idleTimeout, () => socket.end());
  }
  const canned = CANNED[path] || { bytes: 'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n' };
  if (canned.close) {
    socket.end(canned.bytes);
  } else {
    socket.write(canned.bytes);
  }
}

server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));

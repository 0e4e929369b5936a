// A listener added to a long-lived emitter on every request and never removed.
const http = require('node:http');
const { EventEmitter } = require('node:events');

const configBus = new EventEmitter();
configBus.setMaxListeners(0); // the warning would have told the developer; this app silenced it

http.createServer((req, res) => {
  const requestedAt = Date.now();
  configBus.on('reload', function onReload() {
    return requestedAt;
  });
  res.end('ok\n');
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listeners listening'));

// An app that listens on all interfaces, as most do: it fails with EADDRINUSE when any interface holds its port.
const http = require('node:http');

http.createServer((request, response) => response.end('everywhere')).listen(Number(process.env.PORT), () => {
  console.log('listens-everywhere: listening');
});

// Smallest app the launcher can wait for: answers every request on the port it is given.
const http = require('node:http');

const port = Number(process.env.PORT);
const server = http.createServer((request, response) => {
  response.end('hello');
});
server.listen(port, '127.0.0.1', () => {
  console.log(`hello-server listening on ${port}`);
});

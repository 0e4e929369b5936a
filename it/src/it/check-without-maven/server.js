// Two routes, one of which keeps an Order per request in a module-level Map: judged once by the Maven goal and
// once by `leakgate-cli.jar check` with the same settings.
const http = require('node:http');

class Order {
  constructor(id, item) {
    this.id = id;
    this.item = item;
  }
}

const orders = new Map();
let nextId = 0;

const server = http.createServer((req, res) => {
  if (req.method === 'POST') {
    const order = new Order(++nextId, 'kettle');
    orders.set(order.id, order);
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"ok":true}\n');
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log(`orders listening on ${server.address().port}`);
});

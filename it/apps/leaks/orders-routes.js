// A four-route order API. Only POST /orders leaks: every order placed registers a watcher for status changes on
// a shared event bus, and nothing removes it once the order is settled.
const express = require('express');
const { EventEmitter } = require('node:events');

const statusChanges = new EventEmitter();
statusChanges.setMaxListeners(0);

class OrderWatch {
  constructor(orderId) {
    this.orderId = orderId;
    this.seenAt = [];
  }

  onStatus(change) {
    if (change.orderId === this.orderId) {
      this.seenAt.push(Date.now());
    }
  }
}

const orders = [{ id: 1, item: 'kettle' }];
const app = express();
app.use(express.json());

app.get('/health', (req, res) => res.json({ ok: true }));
app.get('/orders', (req, res) => res.json(orders));
app.get('/orders/:id', (req, res) => res.json(orders.find((order) => order.id === Number(req.params.id)) ?? null));
app.post('/orders', (req, res) => {
  const order = { id: orders.length + 1, item: req.body.item };
  const watch = new OrderWatch(order.id);
  statusChanges.on('status', (change) => watch.onStatus(change));
  res.status(201).json(order);
});

app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('orders-routes listening'));

// A plain express JSON API: routing, JSON bodies, JSON answers, nothing kept between requests.
const express = require('express');

const app = express();
app.use(express.json());

const items = [{ id: 1, name: 'kettle' }, { id: 2, name: 'teapot' }];

app.get('/', (req, res) => {
  res.json({ items, at: new Date().toISOString() });
});

app.post('/items', (req, res) => {
  res.status(201).json({ received: req.body, valid: typeof req.body.name === 'string' });
});

app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('json-api listening'));

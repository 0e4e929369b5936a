// Lazy initialisation: the price table is built on first use, and each of the 2,000 products gets its
// details computed the first time it is asked for. Memory grows until every product has been seen
// (well into the measured rounds with the test's request counts), then stops: not a leak.
const express = require('express');

const PRODUCTS = 2000;
let priceTable = null;
const details = new Map();
let served = 0;

function prices() {
  if (priceTable === null) {
    priceTable = Array.from({ length: PRODUCTS }, (_, id) => ({ id, cents: 100 + id }));
  }
  return priceTable;
}

function detailsOf(id) {
  if (!details.has(id)) {
    details.set(id, { id, description: `product ${id}`, price: prices()[id] });
  }
  return details.get(id);
}

const app = express();
app.get('/', (req, res) => {
  res.json(detailsOf(served++ % PRODUCTS));
});

app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('lazy-init listening'));

// A bounded LRU cache (the lru-cache package) in front of a slow lookup: it fills to its bound during
// the warm-up and then only replaces entries.
const express = require('express');
const { LRUCache } = require('lru-cache');

const cache = new LRUCache({ max: 200 });
let served = 0;

function lookUp(productId) {
  let product = cache.get(productId);
  if (!product) {
    product = { id: productId, name: `product ${productId}`, tags: ['a', 'b'] };
    cache.set(productId, product);
  }
  return product;
}

const app = express();
app.get('/', (req, res) => {
  res.json(lookUp(served++ % 1000));
});

app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('lru-cache listening'));

// Seed article "How we resolved a memory leak on our website": memoisation keyed by something unique
// per request (here the request id), so the memo cache only ever grows.
const express = require('express');

function memoize(compute) {
  const cache = new Map();
  return function memoized(key) {
    if (!cache.has(key)) {
      cache.set(key, compute(key));
    }
    return cache.get(key);
  };
}

const priceFor = memoize((requestKey) => ({ key: requestKey, price: requestKey.length * 3 }));
let nextRequestId = 0;

const app = express();
app.get('/', (req, res) => {
  const requestKey = `price:${req.path}:${nextRequestId++}`;
  res.json(priceFor(requestKey));
});

app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('memoize listening'));

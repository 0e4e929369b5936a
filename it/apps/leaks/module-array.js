// Seed article "bloatMyServer": every request pushes into an array that lives as long as the module.
// What is pushed is one shared object, so no constructor gains instances: only the array itself grows.
const express = require('express');

const app = express();
const leaks = [];
const template = { memory: 'leaked', joke: 'meta' };

app.get('/', (req, res) => {
  for (let i = 0; i < 10; i++) {
    leaks.push(template);
  }
  res.json({ size: leaks.length });
});

app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('module-array listening'));

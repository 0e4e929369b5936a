// A polling timer started for every request and never cleared.
const express = require('express');

const app = express();
let refreshes = 0;

app.get('/', (req, res) => {
  setInterval(function refreshQuote() {
    refreshes++;
  }, 3_600_000);
  res.json({ ok: true });
});

app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('timers listening'));

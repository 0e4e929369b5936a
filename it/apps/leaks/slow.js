// The slowest leak the gate must catch out of the box: one object kept per 100 requests.
const http = require('node:http');

class SlowLeakRecord {
  constructor(served) {
    this.served = served;
  }
}

const keptForever = [];
let served = 0;

http.createServer((req, res) => {
  served++;
  if (served % 100 === 0) {
    keptForever.push(new SlowLeakRecord(served));
  }
  res.end('ok\n');
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('slow listening'));

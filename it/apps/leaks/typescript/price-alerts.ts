// A TypeScript service, run by Node itself (type stripping, Node 22.18 and later): every quote request subscribes
// a handler to the shared price feed and never unsubscribes it.
import { EventEmitter } from 'node:events';
import http from 'node:http';

interface PriceAlert {
  symbol: string;
  threshold: number;
  notify(price: number): boolean;
}

const priceFeed: EventEmitter = new EventEmitter();
priceFeed.setMaxListeners(0);

function watchPrice(symbol: string, threshold: number): PriceAlert {
  const alert: PriceAlert = { symbol, threshold, notify: (price: number) => price > threshold };
  priceFeed.on(symbol, alert.notify);
  return alert;
}

http.createServer((req: http.IncomingMessage, res: http.ServerResponse) => {
  const alert: PriceAlert = watchPrice('ACME', 100);
  res.end(`watching ${alert.symbol}\n`);
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('price-alerts listening'));

// The big base of the memory benchmark (tests/bench/import_memory.mjs, tests/bench/import_bench.cpp):
// a shop's sales log, one row per purchase, as an Italian spreadsheet saves it (';', decimal comma,
// dd/mm/yyyy, UTF-8 with accents). Deterministic: the same arguments give the same bytes. Customers
// buy 1 to 25 times (one-time buyers to regulars, 10.8 on average for the default 100,000 /
// 1,080,000) over 1997-01-01..1998-06-30; categories, products, channels and payment methods
// repeat across purchases as in a real shop; no purchase ids (the import gives each a ULID).
// shape 'shop' (the default, 106 bytes a row): customer id, name, town, date, amount, quantity,
// category, product, channel, payment; 'lean' (55 bytes a row): customer id, date, amount, quantity,
// category, channel, payment (a till's export, closer to the CDNOW log's few columns).
//   node tests/bench/import_data.mjs [customers=100000] [purchases=10.8 x customers] [shop|lean|model] > base.csv
// bigBaseCsv() and modelBaseCsv() are also evaluated inside the page (benchFileExpression), so they use nothing else.
export function bigBaseCsv(customers = 100000, purchases = Math.round(customers * 10.8), shape = 'shop') {
  const lean = shape === 'lean';
  const firstNames = ['Nicolò', 'Lucía', 'José', 'Chiara', 'Andrea', 'Mónica', 'Federico', 'Irene', 'Tomás', 'Elena',
    'Giulia', 'Marco', 'Sofía', 'Matteo', 'Beatriz', 'Lorenzo'];
  const lastNames = ['Rossi', 'Bianchi', 'García', 'Ferrari', 'Martínez', 'Colombo', 'Ricci', 'López', 'Marino', 'Greco',
    'Bruno', 'Fernández', 'Gallo', 'Conti', 'De Luca', 'Sánchez'];
  const cities = ['Sondrio', 'Morbegno', 'Tirano', 'Chiavenna', 'Bormio', 'Teglio', 'Ardenno', 'Grosio', 'Livigno', 'Talamona'];
  const categories = ['Caffè', 'Tè e tisane', 'Pasticceria', 'Cioccolato', 'Confetture', 'Regali', 'Macchine da caffè',
    'Accessori', 'Liquori', 'Biscotti', 'Miele', 'Spezie'];
  const products = [];
  for (let i = 0; i < 240; ++i) products.push(`${categories[i % 12]} ${['classico', 'bio', 'riserva', 'dolce', 'intenso'][i % 5]} ${100 + 50 * (i % 9)} g n.${i}`);
  const channels = ['negozio', 'telefono', 'online', 'fiera'];
  const payments = ['contanti', 'carta', 'bonifico', 'Satispay'];
  // Purchases per customer: a repeating pattern of weights (many buy once or a few times, some often),
  // scaled so the total is exactly `purchases`.
  const weights = [1, 1, 2, 3, 5, 8, 13, 21, 1, 2, 4, 7, 12, 20, 2, 6];
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const perCycle = purchases / customers * weights.length / weightSum;
  let seed = 12345;
  const random = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 4294967296; };
  const lines = [lean ? 'Codice cliente;Data acquisto;Importo;Quantità;Categoria;Canale;Pagamento'
                      : 'Codice cliente;Nome;Comune;Data acquisto;Importo;Quantità;Categoria;Prodotto;Canale;Pagamento'];
  const start = Date.UTC(1997, 0, 1), span = 545;  // days to 1998-06-30
  let made = 0, cumulative = 0;
  for (let c = 0; c < customers; ++c) {
    cumulative += weights[c % weights.length] * perCycle;
    const n = c === customers - 1 ? purchases - made : Math.max(1, Math.round(cumulative) - made);
    made += n;
    const id = 'K' + String(c + 1).padStart(6, '0');
    const name = `${firstNames[c % 16]} ${lastNames[(c >> 4) % 16]} ${c + 1}`;  // unique: no possible duplicates
    const city = cities[(c * 7) % cities.length];
    const first = Math.floor(random() * span * 0.5);
    const favourite = Math.floor(random() * products.length);
    for (let p = 0; p < n; ++p) {
      const day = new Date(start + 86400000 * Math.min(span, first + Math.floor(random() * (span - first))));
      const date = `${String(day.getUTCDate()).padStart(2, '0')}/${String(day.getUTCMonth() + 1).padStart(2, '0')}/${day.getUTCFullYear()}`;
      const cents = 300 + Math.floor(random() * 12000);
      const amount = `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
      const product = random() < 0.6 ? favourite : Math.floor(random() * products.length);
      const quantity = 1 + Math.floor(random() * random() * 4);
      const channel = channels[Math.floor(random() * random() * 4)], payment = payments[(c + p) % 4];
      if (lean) lines.push(`${id};${date};${amount};${quantity};${categories[product % 12]};${channel};${payment}`);
      else lines.push(`${id};${name};${city};${date};${amount};${quantity};${categories[product % 12]};${products[product]};${channel};${payment}`);
    }
  }
  return lines.join('\r\n') + '\r\n';
}

// shape 'model': a base drawn from the models themselves, where both are well posed (the other shapes'
// customers never drop out and spend alike, so BG/NBD's a and Gamma-Gamma's q run to their bounds):
// each customer's first purchase on a day of the period's first half, then purchases at a rate
// lambda ~ Gamma(r, alpha) a week until a drop-out after each with p ~ Beta(a, b) (BG/NBD); every
// purchase's amount z ~ Gamma(shape P, rate nu) with nu ~ Gamma(Q, rate G) for the customer
// (Gamma-Gamma's p, q, gamma). The same columns as 'lean'; about 10 purchases a customer.
export const kModelTruth = { r: 2.2, alpha: 8.0, a: 0.6, b: 6.0, p: 4.0, q: 5.0, gamma: 60.0 };
export function modelBaseCsv(customers = 100000, truth = kModelTruth) {
  let seed = 20240611;
  const random = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return (seed + 0.5) / 4294967296; };
  const normal = () => Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
  const gamma = (shape) => {  // Marsaglia and Tsang; shape < 1 boosted
    if (shape < 1) return gamma(shape + 1) * Math.pow(random(), 1 / shape);
    const d = shape - 1 / 3, c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x, v;
      do { x = normal(); v = 1 + c * x; } while (v <= 0);
      v = v * v * v;
      const u = random();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  const categories = ['Caffè', 'Tè e tisane', 'Pasticceria', 'Cioccolato', 'Confetture', 'Regali', 'Macchine da caffè',
    'Accessori', 'Liquori', 'Biscotti', 'Miele', 'Spezie'];
  const channels = ['negozio', 'telefono', 'online', 'fiera'];
  const payments = ['contanti', 'carta', 'bonifico', 'Satispay'];
  const lines = ['Codice cliente;Data acquisto;Importo;Quantità;Categoria;Canale;Pagamento'];
  const start = Date.UTC(1997, 0, 1), span = 545;  // days to 1998-06-30
  for (let c = 0; c < customers; ++c) {
    const id = 'M' + String(c + 1).padStart(6, '0');
    const lambda = gamma(truth.r) / truth.alpha;  // purchases a week
    const x = gamma(truth.a), pDrop = x / (x + gamma(truth.b));
    const nu = gamma(truth.q) / truth.gamma;
    // Days with a purchase, each a day after the last at least (the models count days with purchases).
    for (let day = Math.floor(random() * span * 0.5), n = 0; day <= span; ++n) {
      const when = new Date(start + 86400000 * day);
      const date = `${String(when.getUTCDate()).padStart(2, '0')}/${String(when.getUTCMonth() + 1).padStart(2, '0')}/${when.getUTCFullYear()}`;
      const cents = Math.max(1, Math.round(100 * gamma(truth.p) / nu));
      const amount = `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
      lines.push(`${id};${date};${amount};1;${categories[(c + day) % 12]};${channels[c % 4]};${payments[day % 4]}`);
      if (n > 0 && random() < pDrop) break;  // drops out right after a repeat purchase, never after the first
      day += Math.max(1, Math.round(-Math.log(random()) / lambda * 7));
    }
  }
  return lines.join('\r\n') + '\r\n';
}

// The expression that makes the base inside a page as window.benchFile (UTF-8 bytes), for
// page.evaluate: the page's CSP allows no inline script, and the generators use nothing outside them.
export function benchFileExpression(customers, purchases = Math.round(customers * 10.8), shape = 'shop') {
  const make = shape === 'model' ? `(${modelBaseCsv.toString()})(${customers}, ${JSON.stringify(kModelTruth)})`
                                 : `(${bigBaseCsv.toString()})(${customers}, ${purchases}, '${shape}')`;
  return `window.benchFile = new TextEncoder().encode(${make}); 0`;
}

if (process.argv[1] && process.argv[1].endsWith('import_data.mjs')) {
  const customers = Number(process.argv[2] || 100000);
  const purchases = process.argv[3] && process.argv[3] !== '-' ? Number(process.argv[3]) : undefined;
  const shape = process.argv[4] || 'shop';
  process.stdout.write(shape === 'model' ? modelBaseCsv(customers) : bigBaseCsv(customers, purchases, shape));
}

// Files for the import tests and the import benchmark (tests/bench/import_picker.mjs).

// Windows-1252 bytes of a string made of Latin-1 characters (what Excel's "CSV" writes in Italy).
export function windows1252(text) {
  const out = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; ++i) {
    const c = text.charCodeAt(i);
    if (c > 255) throw new Error('not Latin-1: ' + text[i]);
    out[i] = c;
  }
  return out;
}

// 5,000 customers, 10 purchases each: one row per purchase, customer fields repeated; semicolons,
// decimal commas, dd/mm/yyyy dates, Windows-1252. Customer c is named firstNames[c % 10] + " Cliente" + c.
export function bigPurchaseFile(customers = 5000) {
  const firstNames = ['Nicolò', 'Lucía', 'José', 'Chiara', 'Andrea', 'Mónica', 'Federico', 'Irene', 'Tomás', 'Elena'];
  const cities = ['Sondrio', 'Morbegno', 'Tirano', 'Chiavenna', 'Bormio', 'Teglio', 'Ardenno', 'Grosio'];
  const lines = ['Codice cliente;Nome;Telefono;Comune;CAP;Data acquisto;Importo;Categoria'];
  let purchases = 0;
  for (let c = 1; c <= customers; ++c) {
    const id = 'K' + String(c).padStart(5, '0');
    const name = `${firstNames[c % 10]} Cliente${c}`;
    const phone = '0342 ' + String(100000 + c);
    const city = cities[c % cities.length];
    for (let p = 0; p < 10; ++p) {
      const day = 1 + ((c + p * 3) % 28);
      const month = 1 + ((c + p) % 12);
      const cents = 1000 + ((c * 37 + p * 101) % 90000);
      const amount = `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
      lines.push(`${id};${name};${phone};${city};23100;${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/2024;${amount};Caffè`);
      ++purchases;
    }
  }
  return { bytes: windows1252(lines.join('\r\n') + '\r\n'), purchases };
}

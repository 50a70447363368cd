// The benchmarks' backup file: customers C00001... with purchasesPerCustomer purchases each
// (dates over 2025, amounts 5..204 €, three categories, two channels, two payment methods).
export function backupText(customers, perCustomer) {
  const list = [];
  const cities = ['Torino', 'Milano', 'Bologna', 'Napoli', 'Bari', 'Firenze'];
  for (let i = 0; i < customers; i++) {
    const id = 'C' + String(i + 1).padStart(5, '0');
    const purchases = [];
    for (let p = 0; p < perCustomer; p++) {
      const month = 1 + ((i + p) % 12), day = 1 + ((i * 7 + p) % 28);
      purchases.push({ id: `${id}-${p}`, date: `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
        amount: Math.round((5 + ((i * 31 + p * 17) % 200)) * 100) / 100, category: ['coffee', 'pastry', 'gift'][p % 3],
        channel: p % 4 ? 'shop' : 'online', payment: p % 2 ? 'card' : 'cash' });
    }
    list.push({ id, kind: i % 9 ? 'private' : 'business', name: `Cliente ${i + 1}`, phone: '0' + (3400000000 + i),
      email: `cliente${i + 1}@example.it`, city: cities[i % cities.length], tags: i % 5 ? ['regular'] : ['vip'], purchases });
  }
  return JSON.stringify({ format: 'profila-backup', schema: 2, workspace: { id: 'bench', name: 'Bench shop' }, customers: list });
}

import { describe, expect, it } from 'vitest';
import { Store } from '../emulator/state/store.js';
import { createTenant, resetTenant } from '../emulator/state/tenants.js';

interface Item {
  id: string;
  number: string;
  parent: string;
}

async function storeWithItems(): Promise<Store> {
  const store = await Store.open({ inMemory: true });
  await createTenant(store, { clientId: 't', clientSecret: 's' }, new Date());
  await store.transact('t', (tx) => {
    for (const [number, parent] of [['N1', 'p1'], ['N2', 'p1'], ['N3', 'p2']]) {
      tx.insert<Item>('Item', { id: `id-${number}`, number: number as string, parent: parent as string });
    }
  });
  return store;
}

const numbers = (items: Item[]): string[] => items.map((item) => item.number);

describe('indexed lookups', () => {
  it('find records by field value in creation order', async () => {
    const store = await storeWithItems();
    const view = store.view('t');
    expect(numbers(view.filterBy<Item>('Item', 'parent', 'p1'))).toEqual(['N1', 'N2']);
    expect(view.findBy<Item>('Item', 'number', 'N3')?.id).toBe('id-N3');
    expect(view.findBy('Item', 'number', 'nope')).toBeUndefined();
  });

  it('follow committed updates and deletes', async () => {
    const store = await storeWithItems();
    store.view('t').filterBy('Item', 'parent', 'p1'); // builds the index before the writes
    await store.transact('t', (tx) => {
      tx.update<Item>('Item', 'id-N1', { parent: 'p2' });
      tx.remove('Item', 'id-N2');
    });
    const view = store.view('t');
    expect(numbers(view.filterBy<Item>('Item', 'parent', 'p1'))).toEqual([]);
    expect(numbers(view.filterBy<Item>('Item', 'parent', 'p2'))).toEqual(['N3', 'N1']);
  });

  it("see a transaction's own uncommitted writes, and nothing of a failed one", async () => {
    const store = await storeWithItems();
    await expect(
      store.transact('t', (tx) => {
        tx.insert<Item>('Item', { id: 'id-N4', number: 'N4', parent: 'p1' });
        tx.update<Item>('Item', 'id-N1', { number: 'N1b' });
        // Committed records come first, then the transaction's own writes in the order it made them.
        expect(numbers(tx.filterBy<Item>('Item', 'parent', 'p1'))).toEqual(['N2', 'N4', 'N1b']);
        expect(tx.findBy('Item', 'number', 'N1')).toBeUndefined();
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    expect(store.view('t').findBy<Item>('Item', 'number', 'N1')?.id).toBe('id-N1');
    expect(store.view('t').findBy('Item', 'number', 'N4')).toBeUndefined();
  });

  it('start over after a reset', async () => {
    const store = await storeWithItems();
    expect(store.view('t').findBy('Item', 'number', 'N1')).toBeDefined();
    await resetTenant(store, 't', new Date().toISOString());
    expect(store.view('t').findBy('Item', 'number', 'N1')).toBeUndefined();
  });
});

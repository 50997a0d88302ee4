import { describe, expect, it } from 'vitest';
import type { RecordOrder } from '../emulator/state/indexes.js';
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

  it("scan in creation order: changed records where they stood, the transaction's new ones after, deleted ones gone", async () => {
    const store = await storeWithItems();
    await store.transact('t', (tx) => {
      tx.insert<Item>('Item', { id: 'id-N4', number: 'N4', parent: 'p1' });
      tx.update<Item>('Item', 'id-N1', { number: 'N1b' });
      tx.remove('Item', 'id-N2');
      expect(numbers([...tx.scan<Item>('Item')])).toEqual(['N1b', 'N3', 'N4']);
      expect(tx.scan<Item>('Item').next().value).toMatchObject({ number: 'N1b' });
    });
    expect(numbers(store.view('t').all<Item>('Item'))).toEqual(['N1b', 'N3', 'N4']);
  });

  it('keep the creation order in later scans: a record stored again after a delete comes last', async () => {
    const store = await storeWithItems();
    expect(numbers(store.view('t').all<Item>('Item'))).toEqual(['N1', 'N2', 'N3']); // the order is kept from here on
    await store.transact('t', (tx) => {
      tx.remove('Item', 'id-N1');
      tx.insert<Item>('Item', { id: 'id-N4', number: 'N4', parent: 'p1' });
    });
    await store.transact('t', (tx) => void tx.insert<Item>('Item', { id: 'id-N1', number: 'N1 again', parent: 'p1' }));
    await store.transact('t', (tx) => void tx.update<Item>('Item', 'id-N2', { number: 'N2b' }));
    expect(numbers(store.view('t').all<Item>('Item'))).toEqual(['N2b', 'N3', 'N4', 'N1 again']);
    const [first] = store.view('t').scan<Item>('Item');
    expect(first?.number).toBe('N2b');
  });

  it('keep the creation order from the commit that creates a collection, with no read before the writes', async () => {
    const store = await storeWithItems();
    await store.transact('t', (tx) => tx.remove('Item', 'id-N1'));
    await store.transact('t', (tx) => void tx.insert<Item>('Item', { id: 'id-N1', number: 'N1 again', parent: 'p1' }));
    expect(numbers(store.view('t').all<Item>('Item'))).toEqual(['N2', 'N3', 'N1 again']);
  });

  it('count records and find them by field in scan order, with a transaction\'s own writes', async () => {
    const store = await storeWithItems();
    store.view('t').filterBy('Item', 'parent', 'p1'); // builds the index before the writes
    await store.transact('t', (tx) => void tx.update<Item>('Item', 'id-N3', { parent: 'p1' }));
    await store.transact('t', (tx) => void tx.update<Item>('Item', 'id-N1', { parent: 'p2' }));
    await store.transact('t', (tx) => void tx.update<Item>('Item', 'id-N1', { parent: 'p1' }));
    const view = store.view('t');
    // The index keeps the order values were set in; scanBy answers in the order scan does.
    expect(numbers(view.filterBy<Item>('Item', 'parent', 'p1'))).toEqual(['N2', 'N3', 'N1']);
    expect(numbers(view.scanBy<Item>('Item', 'parent', 'p1'))).toEqual(['N1', 'N2', 'N3']);
    expect(view.count('Item')).toBe(3);
    expect(view.count('Nothing')).toBe(0);
    await store.transact('t', (tx) => {
      tx.insert<Item>('Item', { id: 'id-N4', number: 'N4', parent: 'p1' });
      tx.update<Item>('Item', 'id-N3', { number: 'N3b' });
      tx.remove('Item', 'id-N2');
      expect(numbers(tx.scanBy<Item>('Item', 'parent', 'p1'))).toEqual(['N1', 'N3b', 'N4']);
      expect(tx.count('Item')).toBe(3);
    });
  });

  it('list the member names of a field in the order scan first shows them, through inserts, updates and deletes', async () => {
    interface Thing {
      id: string;
      customFields: Record<string, unknown>;
    }
    const store = await Store.open({ inMemory: true });
    await createTenant(store, { clientId: 't', clientSecret: 's' }, new Date());
    const insert = (id: string, customFields: Record<string, unknown>) => store.transact('t', (tx) => void tx.insert('Thing', { id, customFields }));
    const scanned = (): string[] => [...new Set(store.view('t').all<{ customFields: object }>('Thing').flatMap((thing) => Object.keys(thing.customFields)))];
    await insert('a', { B__c: 1 });
    expect(store.view('t').memberNames('Thing', 'customFields')).toEqual(['B__c']);
    await insert('b', { A__c: 1, B__c: 2 });
    await insert('c', { C__c: 1 });
    expect(store.view('t').memberNames('Thing', 'customFields')).toEqual(['B__c', 'A__c', 'C__c']);
    await store.transact('t', (tx) => void tx.update<Thing>('Thing', 'a', { customFields: { D__c: 1, B__c: 1 } }));
    expect(store.view('t').memberNames('Thing', 'customFields')).toEqual(scanned());
    expect(scanned()).toEqual(['D__c', 'B__c', 'A__c', 'C__c']);
    await store.transact('t', (tx) => tx.remove('Thing', 'c'));
    expect(store.view('t').memberNames('Thing', 'customFields')).toEqual(['D__c', 'B__c', 'A__c']);
    await store.transact('t', (tx) => {
      tx.update<Thing>('Thing', 'a', { customFields: {} });
      expect(tx.memberNames('Thing', 'customFields')).toEqual(['A__c', 'B__c']);
    });
    expect(store.view('t').memberNames('Thing', 'customFields')).toEqual(['A__c', 'B__c']);
  });

  it('start over after a reset', async () => {
    const store = await storeWithItems();
    expect(store.view('t').findBy('Item', 'number', 'N1')).toBeDefined();
    await resetTenant(store, 't', new Date().toISOString());
    expect(store.view('t').findBy('Item', 'number', 'N1')).toBeUndefined();
  });
});

describe('ordered reads (the due-job index)', () => {
  interface Due {
    id: string;
    at: string;
    open: boolean;
  }
  const BY_TIME: RecordOrder = { name: 'by time', keyOf: (record) => ((record as unknown as Due).open ? (record as unknown as Due).at : undefined) };
  const ids = (records: Iterable<Due>): string[] => [...records].map((record) => record.id);

  async function storeWithDues(): Promise<Store> {
    const store = await Store.open({ inMemory: true });
    await createTenant(store, { clientId: 't', clientSecret: 's' }, new Date());
    await store.transact('t', (tx) => {
      for (const [id, at] of [['c', '03'], ['a', '01'], ['b', '02'], ['x', '00']]) tx.insert<Due>('Due', { id: id as string, at: at as string, open: id !== 'x' });
    });
    return store;
  }

  it('read the kept records in key order, leaving out what the order leaves out', async () => {
    const store = await storeWithDues();
    expect(ids(store.view('t').inOrder<Due>('Due', BY_TIME))).toEqual(['a', 'b', 'c']);
  });

  it('follow commits that move, close and add records', async () => {
    const store = await storeWithDues();
    ids(store.view('t').inOrder<Due>('Due', BY_TIME)); // builds the index before the writes
    await store.transact('t', (tx) => {
      tx.update<Due>('Due', 'a', { at: '04' });
      tx.update<Due>('Due', 'b', { open: false });
      tx.update<Due>('Due', 'x', { open: true });
      tx.insert<Due>('Due', { id: 'd', at: '025', open: true });
      tx.remove('Due', 'c');
    });
    expect(ids(store.view('t').inOrder<Due>('Due', BY_TIME))).toEqual(['x', 'd', 'a']);
  });

  it("merge a transaction's own writes into the committed order", async () => {
    const store = await storeWithDues();
    await store.transact('t', (tx) => {
      tx.insert<Due>('Due', { id: 'e', at: '015', open: true });
      tx.update<Due>('Due', 'c', { at: '005' });
      tx.remove('Due', 'b');
      expect(ids(tx.inOrder<Due>('Due', BY_TIME))).toEqual(['c', 'a', 'e']);
    });
  });
});

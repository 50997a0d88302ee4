import { describe, expect, it } from 'vitest';
import { DomainError } from '../emulator/domain/errors.js';
import { MAX_CONDITIONS, parseZoql } from '../emulator/domain/query/zoql.js';

// The ZOQL parser on its own: what it builds from valid queries, and the MALFORMED_QUERY cases.

function failure(query: string): DomainError {
  try {
    parseZoql(query);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`'${query}' parsed`);
}

describe('ZOQL parser', () => {
  it('reads fields, object and no condition, keywords in any case', () => {
    expect(parseZoql('SELECT Id, Name FROM Account')).toEqual({ object: 'Account', fields: ['Id', 'Name'], where: null });
    expect(parseZoql('select id from account').fields).toEqual(['id']);
  });

  it('binds AND tighter than OR', () => {
    const { where } = parseZoql("select Id from Account where Status = 'Active' and Balance > 0 or Name = 'X'");
    expect(where).toEqual({
      kind: 'or',
      operands: [
        {
          kind: 'and',
          operands: [
            { kind: 'compare', field: 'Status', op: 'EQ', value: 'Active' },
            { kind: 'compare', field: 'Balance', op: 'GT', value: 0 },
          ],
        },
        { kind: 'compare', field: 'Name', op: 'EQ', value: 'X' },
      ],
    });
  });

  it('knows every comparison, null tests, booleans, negative numbers, LIKE and escaped quotes', () => {
    const ops = ['=', '!=', '<>', '<', '<=', '>', '>='].map((op) => parseZoql(`select Id from Account where Balance ${op} -1.5`).where);
    expect(ops.map((where) => (where as { op: string }).op)).toEqual(['EQ', 'NE', 'NE', 'LT', 'LE', 'GT', 'GE']);
    expect(parseZoql('select Id from Account where Balance <= -1.5').where).toMatchObject({ value: -1.5 });
    expect(parseZoql('select Id from Account where CrmId is null').where).toEqual({ kind: 'compare', field: 'CrmId', op: 'EQ', value: null });
    expect(parseZoql('select Id from Account where CrmId IS NOT NULL').where).toMatchObject({ op: 'NE', value: null });
    expect(parseZoql('select Id from Account where CrmId != null').where).toMatchObject({ op: 'NE', value: null });
    expect(parseZoql('select Id from Account where AutoPay = true').where).toMatchObject({ value: true });
    expect(parseZoql("select Id from Account where Name like 'Ac%'").where).toMatchObject({ op: 'LIKE', value: 'Ac%' });
    expect(parseZoql("select Id from Account where Name = 'O\\'Brien'").where).toMatchObject({ value: "O'Brien" });
  });

  it.each([
    ['select * from Account', "no '*'"],
    ['select Id from Account, Contact', 'joins'],
    ['select Id from Account join Contact', 'joins'],
    ['select Account.Id from Account', 'joins'],
    ["select Id from Account where (Name = 'a')", 'parentheses'],
    ['select Id from Account order by Name', "'order' is not supported"],
    ['select Id from Account where Name = Status', 'comparing two fields'],
    ["select Id from Account where Name = 'open", 'unterminated string'],
    ['select Id from Account where Name', 'ends inside a condition'],
    ['select Id Account', "expected 'from'"],
    ['from Account', "expected 'select'"],
    ['select Id from Account where Name ~ 1', "unexpected character '~'"],
    ['   ', 'empty'],
  ])('refuses %s as malformed (%s)', (query, reason) => {
    const error = failure(query);
    expect(error.kind).toBe('Malformed');
    expect(error.message).toContain(reason);
  });

  it(`allows ${MAX_CONDITIONS} conditions and no more`, () => {
    const conditions = (count: number) => Array.from({ length: count }, (_, index) => `Balance = ${index}`).join(' or ');
    expect(() => parseZoql(`select Id from Account where ${conditions(MAX_CONDITIONS)}`)).not.toThrow();
    expect(failure(`select Id from Account where ${conditions(MAX_CONDITIONS + 1)}`).message).toContain('at most 200 conditions');
  });
});

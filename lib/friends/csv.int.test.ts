// CSV import and export on a real database: all or nothing, errors by row and column, and a round trip.
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attributeDefinitions, friendTags, friends } from '@/db/schema';
import { createEdgeHarness, type EdgeHarness } from '@/test/edge';
import { exportFriendsCsv } from './csv-export';
import { importFriendsCsv } from './csv-import';

let h: EdgeHarness;
const U = (c: string) => `U${c.repeat(32)}`;

beforeAll(async () => {
  h = await createEdgeHarness();
  await h.deps.db.insert(attributeDefinitions).values([
    { key: 'rank', label: 'ランク', type: 'enum', options: ['gold', 'silver'] },
    { key: 'points', label: 'ポイント', type: 'number' },
    { key: 'birthday', label: '誕生日', type: 'date' },
  ]);
});
afterAll(async () => {
  await h?.close();
});

const snapshot = async () => ({
  friends: (await h.deps.db.select().from(friends))
    .map((f) => ({ ...f, updatedAt: null }))
    .sort((a, b) => a.lineUserId.localeCompare(b.lineUserId)),
  tags: (await h.deps.db.select().from(friendTags)).length,
});

describe('CSV import', () => {
  it('imports every row of a good file (BOM, tags, Japanese dates)', async () => {
    const csv = [
      '\uFEFFline_user_id,member_id,display_name,tags,rank,points,birthday',
      `${U('1')},M-1,佐藤,vip;新規,gold,100,1990/04/01`,
      `${U('2')},,鈴木,,silver,,`,
    ].join('\r\n');
    const r = await importFriendsCsv(h.deps, csv);
    expect(r).toEqual({ ok: true, created: 2, updated: 0 });
    const s = await snapshot();
    expect(s.friends.map((f) => [f.displayName, f.memberId, f.attributes])).toEqual([
      ['佐藤', 'M-1', { rank: 'gold', points: 100, birthday: '1990-04-01' }],
      ['鈴木', null, { rank: 'silver' }],
    ]);
    expect(s.tags).toBe(2);
  });

  it('a file with one bad row changes nothing and reports that row and column', async () => {
    const before = await snapshot();
    const csv = [
      'line_user_id,member_id,display_name,rank,points',
      `${U('1')},M-1,佐藤 改,silver,200`,
      `${U('3')},M-3,高橋,gold,10`,
      `${U('4')},M-4,田中,platinum,5`,
      `${U('5')},M-5,伊藤,gold,7`,
    ].join('\n');
    const r = await importFriendsCsv(h.deps, csv);
    expect(r).toEqual({ ok: false, errors: [{ row: 4, column: 'rank', message: expect.stringContaining('gold') }] });
    expect(await snapshot()).toEqual(before);
  });

  it('reports problems found only against the database (a member id held by another friend) and still changes nothing', async () => {
    const before = await snapshot();
    const csv = ['line_user_id,member_id,points', `${U('6')},M-6,1`, `${U('7')},M-1,2`].join('\n');
    const r = await importFriendsCsv(h.deps, csv);
    expect(r).toEqual({ ok: false, errors: [{ row: 3, column: 'member_id', message: expect.stringContaining('another') }] });
    expect(await snapshot()).toEqual(before);
  });

  it('names unknown columns, bad ids, bad numbers and repeated friends', async () => {
    const header = await importFriendsCsv(h.deps, `line_user_id,colour\n${U('8')},red`);
    expect(header).toEqual({ ok: false, errors: [{ row: 1, column: 'colour', message: expect.stringContaining('unknown column') }] });
    const rows = await importFriendsCsv(
      h.deps,
      ['line_user_id,points', 'U123,1', `${U('8')},many`, `${U('9')},1`, `${U('9')},2`].join('\n'),
    );
    expect(rows).toEqual({
      ok: false,
      errors: [
        { row: 2, column: 'line_user_id', message: expect.any(String) },
        { row: 3, column: 'points', message: 'expected a number' },
        { row: 5, column: 'line_user_id', message: 'the same friend as row 4' },
      ],
    });
  });
});

describe('CSV export', () => {
  it('exports what import reads back unchanged, with formulas defused', async () => {
    await h.deps.db.insert(friends).values({ lineUserId: U('a'), displayName: '=HYPERLINK("http://evil")', attributes: { points: 3 } });
    const csv = await exportFriendsCsv(h.deps.db);
    expect(csv.startsWith('\uFEFFline_user_id,member_id,display_name,tags,friend_added_at,blocked_at,')).toBe(true);
    expect(csv.split('\r\n')[0]?.split(',').slice(6).sort()).toEqual(['birthday', 'points', 'rank']);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
    const evil = parsed.data.find((r) => r.line_user_id === U('a'));
    expect(evil?.display_name).toBe(`'=HYPERLINK("http://evil")`);
    expect(parsed.data.find((r) => r.line_user_id === U('1'))).toMatchObject({
      tags: 'vip;新規',
      rank: 'gold',
      points: '100',
      birthday: '1990-04-01',
    });

    const before = await snapshot();
    expect(await importFriendsCsv(h.deps, csv)).toEqual({ ok: true, created: 0, updated: 3 });
    // The Japanese UI's export has Japanese headers and goes straight back in.
    const ja = await exportFriendsCsv(h.deps.db, 'ja');
    expect(ja.startsWith('\uFEFFLINEユーザーID,会員ID,表示名,タグ,友だち追加日時,ブロック日時,')).toBe(true);
    expect(await importFriendsCsv(h.deps, ja)).toEqual({ ok: true, created: 0, updated: 3 });
    const after = await snapshot();
    expect(after.friends.map((f) => [f.displayName, f.memberId, f.attributes])).toEqual(
      before.friends.map((f) => [f.displayName, f.memberId, f.attributes]),
    );
  });
});

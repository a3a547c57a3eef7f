// The five example scenarios in examples/, simulated for example friends: exact instants, decisions and messages.
import { describe, expect, it } from 'vitest';
import birthdayJson from '../examples/birthday-coupon.json';
import cartJson from '../examples/cart-abandonment.json';
import cartEventsJson from '../examples/events/cart-abandoned.json';
import cartPurchaseJson from '../examples/events/cart-abandoned-then-purchase.json';
import restockEventsJson from '../examples/events/restock.json';
import restockPurchaseJson from '../examples/events/restock-then-purchase.json';
import hanakoJson from '../examples/friends/hanako.json';
import kentaJson from '../examples/friends/kenta.json';
import taroJson from '../examples/friends/taro.json';
import loyalJson from '../examples/loyal-member.json';
import restockJson from '../examples/restock-notice.json';
import welcomeJson from '../examples/welcome-steps.json';
import { z } from 'zod';
import { compile } from './compile';
import { FriendEventSchema, FriendSnapshotSchema } from './schema';
import { simulate, type Timeline } from './simulate';
import { validate } from './validate';

const jst = (s: string) => Date.parse(`${s}+09:00`);
const events = (json: unknown) => z.array(FriendEventSchema).parse(json);
const hanako = FriendSnapshotSchema.parse(hanakoJson);
const taro = FriendSnapshotSchema.parse(taroJson);
const kenta = FriendSnapshotSchema.parse(kentaJson);
const attributes = [
  { key: 'rank', label: '会員ランク', type: 'enum' as const, options: ['bronze', 'silver', 'gold', 'platinum'] },
  { key: 'birthday', label: '誕生日', type: 'date' as const },
  { key: 'points', label: 'ポイント', type: 'number' as const },
  { key: 'memberId', label: '会員ID', type: 'string' as const },
];

/** The timeline reduced to what a marketer checks: when, where, which way, what was sent. */
const path = (t: Timeline) => t.entries.map((e) => [e.time, e.nodeId, e.decision ?? null]);
const sends = (t: Timeline) => t.entries.filter((e) => e.messages).map((e) => ({ at: e.sentAt, nodeId: e.nodeId, messages: e.messages }));

describe('examples', () => {
  it.each([
    ['welcome-steps', welcomeJson],
    ['cart-abandonment', cartJson],
    ['birthday-coupon', birthdayJson],
    ['loyal-member', loyalJson],
    ['restock-notice', restockJson],
  ])('%s is valid against the example attribute definitions', (_name, json) => {
    expect(validate(json, { attributes })).toEqual([]);
  });
});

describe('welcome steps: day 0, then day 7 and day 14 at 10:00 JST', () => {
  const plan = compile(welcomeJson);
  it('sends on adding and at 10:00 a week and two weeks later', () => {
    const t = simulate(plan, hanako, { start: hanako.friendAddedAt });
    expect(path(t)).toEqual([
      ['2025-04-01T15:23:00+09:00', 'trigger', 'next'],
      ['2025-04-01T15:23:00+09:00', 'welcome', 'next'],
      ['2025-04-01T15:23:00+09:00', 'wait-7', 'next'],
      ['2025-04-08T10:00:00+09:00', 'week-1', 'next'],
      ['2025-04-08T10:00:00+09:00', 'wait-14', 'next'],
      ['2025-04-15T10:00:00+09:00', 'week-2', 'next'],
      ['2025-04-15T10:00:00+09:00', 'end', null],
    ]);
    expect(sends(t)).toEqual([
      {
        at: jst('2025-04-01T15:23:00'),
        nodeId: 'welcome',
        messages: [
          { type: 'text', text: '花子さん、友だち追加ありがとうございます！\n新規登録の方限定で10%OFFクーポンをお届けします。' },
          { type: 'sticker', packageId: '11537', stickerId: '52002734' },
        ],
      },
      {
        at: jst('2025-04-08T10:00:00'),
        nodeId: 'week-1',
        messages: [
          {
            type: 'template',
            altText: '人気ランキングTOP3をご紹介',
            template: {
              type: 'buttons',
              title: '人気ランキング',
              text: '今週よく売れている商品TOP3です。',
              actions: [{ type: 'uri', label: 'ランキングを見る', uri: 'https://shop.example.jp/ranking' }],
            },
          },
        ],
      },
      {
        at: jst('2025-04-15T10:00:00'),
        nodeId: 'week-2',
        messages: [{ type: 'text', text: '花子さん、クーポンの有効期限はあと3日です。お買い物はこちら → https://shop.example.jp/' }],
      },
    ]);
    expect(t.end).toMatchObject({ reason: 'end', time: '2025-04-15T10:00:00+09:00' });
  });

  it('holds the welcome of a friend who adds at 23:30 until 09:00 (quiet hours)', () => {
    const late = { ...kenta, friendAddedAt: jst('2025-04-01T23:30:00') };
    const t = simulate(plan, late, { start: late.friendAddedAt });
    expect(sends(t).map((s) => [s.nodeId, s.at])).toEqual([
      ['welcome', jst('2025-04-02T09:00:00')],
      ['week-1', jst('2025-04-09T10:00:00')],
      ['week-2', jst('2025-04-16T10:00:00')],
    ]);
  });
});

describe('cart abandonment: a reminder at the next 19:00 unless purchased', () => {
  const plan = compile(cartJson);
  it('reminds at 19:00 the same day', () => {
    const t = simulate(plan, hanako, { start: jst('2025-04-10T14:05:00'), events: events(cartEventsJson) });
    expect(path(t)).toEqual([
      ['2025-04-10T14:05:00+09:00', 'trigger', 'next'],
      ['2025-04-10T14:05:00+09:00', 'until-evening', 'timeout'],
      ['2025-04-10T19:00:00+09:00', 'reminder', 'next'],
      ['2025-04-10T19:00:00+09:00', 'end-reminded', null],
    ]);
    expect(t.entries[1]?.reason).toBe('no purchase by 2025-04-10 19:00 JST');
    expect(sends(t)).toEqual([
      {
        at: jst('2025-04-10T19:00:00'),
        nodeId: 'reminder',
        messages: [
          {
            type: 'template',
            altText: 'カートに商品が残っています',
            template: {
              type: 'buttons',
              title: 'お買い忘れはありませんか？',
              text: '花子さん、リネンシャツがカートに残っています。',
              actions: [{ type: 'uri', label: 'カートを見る', uri: 'https://shop.example.jp/cart?c=8812' }],
            },
          },
        ],
      },
    ]);
  });

  it('sends nothing and tags the friend who buys before 19:00', () => {
    const t = simulate(plan, hanako, { start: jst('2025-04-10T14:05:00'), events: events(cartPurchaseJson) });
    expect(path(t)).toEqual([
      ['2025-04-10T14:05:00+09:00', 'trigger', 'next'],
      ['2025-04-10T14:05:00+09:00', 'until-evening', 'event'],
      ['2025-04-10T17:30:00+09:00', 'bought', 'next'],
      ['2025-04-10T17:30:00+09:00', 'end-bought', null],
    ]);
    expect(t.sends).toBe(0);
    expect(t.state.friend.tags).toContain('cart_recovered');
    expect(t.state.goalReachedAt).toBe(jst('2025-04-10T17:30:00'));
  });

  it('waits for tomorrow 19:00 when the cart is left after 19:00', () => {
    const at = jst('2025-04-10T20:30:00');
    const t = simulate(plan, hanako, { start: at, events: [{ name: 'cart_abandoned', at, properties: { itemName: 'リネンシャツ' } }] });
    expect(sends(t).map((s) => s.at)).toEqual([jst('2025-04-11T19:00:00')]);
  });

  it('does not let in a friend who bought within 7 days', () => {
    const recent = { ...hanako, events: [{ name: 'purchase', at: jst('2025-04-08T12:00:00'), properties: {} }] };
    const t = simulate(plan, recent, { start: jst('2025-04-10T14:05:00'), events: events(cartEventsJson) });
    expect(t.end).toMatchObject({ reason: 'filtered', detail: 'entry filter not met: purchase count in last 7 days = 0' });
  });
});

describe('birthday coupon: 10:00 JST on the birthday, every year', () => {
  const plan = compile(birthdayJson);
  it('sends on each birthday within the horizon', () => {
    const t = simulate(plan, hanako, { start: hanako.friendAddedAt, horizon: jst('2027-01-01T00:00:00') });
    expect(sends(t).map((s) => [s.nodeId, s.at])).toEqual([
      ['coupon', jst('2025-06-15T10:00:00')],
      ['coupon', jst('2026-06-15T10:00:00')],
    ]);
    expect(sends(t)[0]?.messages).toEqual([
      {
        type: 'flex',
        altText: '花子さん、お誕生日おめでとうございます！',
        contents: {
          type: 'bubble',
          hero: { type: 'image', url: 'https://shop.example.jp/img/birthday.png', size: 'full', aspectRatio: '20:13', aspectMode: 'cover' },
          body: {
            type: 'box',
            layout: 'vertical',
            contents: [
              { type: 'text', text: 'Happy Birthday, 花子さん', weight: 'bold', size: 'lg', wrap: true },
              { type: 'text', text: '今月使える500円OFFクーポンをプレゼント', size: 'sm', wrap: true },
            ],
          },
          footer: {
            type: 'box',
            layout: 'vertical',
            contents: [
              {
                type: 'button',
                style: 'primary',
                action: { type: 'uri', label: 'クーポンを使う', uri: 'https://shop.example.jp/coupon/birthday' },
              },
            ],
          },
        },
      },
    ]);
    expect(t.entries.filter((e) => e.nodeId === 'on-birthday').map((e) => e.visit)).toEqual([1, 2, 3]);
    expect(t.end).toMatchObject({ reason: 'horizon' });
  });

  it('ends at once for a friend without a birthday', () => {
    const t = simulate(plan, taro, { start: jst('2025-04-01T12:00:00') });
    expect(t.end).toMatchObject({ reason: 'missing_date', detail: 'birthday is not set', time: '2025-04-01T12:00:00+09:00' });
  });
});

describe('loyal members: linked gold members get an exclusive, others a fitting message', () => {
  const plan = compile(loyalJson);
  const start = jst('2025-05-10T10:00:00');
  it.each([
    [
      'hanako (linked, gold)',
      hanako,
      'case:vip',
      '連携済みゴールド以上',
      'vip-coupon',
      '花子様（gold会員）限定：会員セールに先行ご招待します。20%OFFクーポンは本日から使えます。',
    ],
    [
      'taro (linked, silver)',
      taro,
      'case:member',
      'LINE ID linked → case 2',
      'member-sale',
      '太郎様、会員セールを5/12から開催します。ポイント1200ptもご利用いただけます。',
    ],
    ['kenta (not linked)', kenta, 'else', 'no case matched → else', 'link-invite', null],
  ])('%s', (_name, friend, decision, reason, sendNode, firstText) => {
    const t = simulate(plan, friend, { start });
    const branch = t.entries.find((e) => e.nodeId === 'segment');
    expect(branch).toMatchObject({ at: start, decision });
    expect(branch?.reason).toContain(reason);
    const sent = sends(t);
    expect(sent.map((s) => [s.nodeId, s.at])).toEqual([[sendNode, start]]);
    const first = sent[0]?.messages?.[0];
    if (firstText) expect(first).toEqual({ type: 'text', text: firstText });
    else
      expect(first).toMatchObject({
        type: 'template',
        template: { title: '会員限定セールのご案内', actions: [{ uri: 'https://shop.example.jp/line/link' }] },
      });
  });

  it('says why a gold member matched', () => {
    const t = simulate(plan, hanako, { start });
    expect(t.entries.find((e) => e.nodeId === 'segment')?.reason).toBe(
      'LINE ID linked and rank in [gold, platinum] → 連携済みゴールド以上',
    );
  });

  it('leaves out a friend who opted out', () => {
    const t = simulate(plan, { ...taro, tags: ['optout'] }, { start });
    expect(t.end).toMatchObject({ reason: 'filtered' });
    expect(t.sends).toBe(0);
  });
});

describe('restock notice: held through quiet hours, last call after 3 days', () => {
  const plan = compile(restockJson);
  const start = jst('2025-04-10T23:10:00');
  it('holds the 23:10 notice until 09:00 and sends a last call 3 days later', () => {
    const t = simulate(plan, hanako, { start, events: events(restockEventsJson) });
    expect(path(t)).toEqual([
      ['2025-04-10T23:10:00+09:00', 'trigger', 'next'],
      ['2025-04-10T23:10:00+09:00', 'notice', 'next'],
      ['2025-04-11T09:00:00+09:00', 'wait-purchase', 'timeout'],
      ['2025-04-14T09:00:00+09:00', 'last-call', 'next'],
      ['2025-04-14T09:00:00+09:00', 'end-reminded', null],
    ]);
    expect(sends(t)).toEqual([
      {
        at: jst('2025-04-11T09:00:00'),
        nodeId: 'notice',
        messages: [
          {
            type: 'template',
            altText: 'お気に入りのキャンバススニーカー 24.5cmが再入荷しました',
            template: {
              type: 'buttons',
              thumbnailImageUrl: 'https://shop.example.jp/img/sn-245.jpg',
              title: '再入荷のお知らせ',
              text: 'キャンバススニーカー 24.5cmが再入荷しました。',
              actions: [{ type: 'uri', label: '商品を見る', uri: 'https://shop.example.jp/items/sn-245' }],
            },
          },
        ],
      },
      {
        at: jst('2025-04-14T09:00:00'),
        nodeId: 'last-call',
        messages: [
          { type: 'text', text: 'キャンバススニーカー 24.5cmは残りわずかです。お早めにどうぞ → https://shop.example.jp/items/sn-245' },
        ],
      },
    ]);
  });

  it('tags a friend who buys instead of sending the last call', () => {
    const t = simulate(plan, hanako, { start, events: events(restockPurchaseJson) });
    expect(path(t).slice(2)).toEqual([
      ['2025-04-11T09:00:00+09:00', 'wait-purchase', 'event'],
      ['2025-04-11T12:00:00+09:00', 'tag-buyer', 'next'],
      ['2025-04-11T12:00:00+09:00', 'end-bought', null],
    ]);
    expect(t.entries.find((e) => e.nodeId === 'tag-buyer')?.action).toEqual({ type: 'add_tag', tag: 'restock_buyer' });
    expect(t.sends).toBe(1);
  });
});

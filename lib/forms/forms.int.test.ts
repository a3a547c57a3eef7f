// Answer forms against a real database: forged, tampered or expired links store nothing; a valid submit stores one
// response, sets the mapped attributes and writes the form_submitted event with its dispatch row (as /api/events does).
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attributeDefinitions, dispatches, events, formResponses, friends } from '@/db/schema';
import { createEdgeHarness, type EdgeHarness } from '@/test/edge';
import { fillFormLinksIn } from '@/lib/forms/form-link';
import { formLinkToken, formLinkUrl, readFormLink } from './form-link';
import { saveForm } from './save-form';
import { submitForm } from './submit-form';

let h: EdgeHarness;
let friendId = '';
let formId = '';
const DAY = 86_400_000;

const definition = {
  slug: 'survey',
  title: 'ご来店アンケート',
  fields: [
    { id: 'rank', type: 'single_choice', label: 'ランク', options: ['gold', 'silver'], required: true, attribute: 'rank' },
    { id: 'age', type: 'number', label: '年齢', attribute: 'age' },
    { id: 'note', type: 'textarea', label: 'ご意見' },
  ],
};

const counts = async () => ({
  responses: (await h.deps.db.select().from(formResponses)).length,
  events: (await h.deps.db.select().from(events)).length,
  dispatches: (await h.deps.db.select().from(dispatches)).length,
});

beforeAll(async () => {
  h = await createEdgeHarness();
  await h.deps.db.insert(attributeDefinitions).values([
    { key: 'rank', label: '会員ランク', type: 'enum', options: ['gold', 'silver'] },
    { key: 'age', label: '年齢', type: 'number' },
    { key: 'area', label: '地域', type: 'string' },
  ]);
  const [f] = await h.deps.db
    .insert(friends)
    .values({ lineUserId: `U${'f'.repeat(32)}`, displayName: 'フォーム 花子', attributes: { area: 'kanto' } })
    .returning();
  friendId = f?.id ?? '';
  formId = (await saveForm(h.deps.db, { id: null, definition }, { email: 'owner@example.com', now: h.deps.now() })).id;
});
afterAll(async () => {
  await h?.close();
});

const token = (opts: { now?: Date; secret?: string; slug?: string } = {}) =>
  formLinkToken(friendId, opts.slug ?? 'survey', { secret: opts.secret ?? h.deps.secret, now: opts.now ?? h.deps.now() });

describe('saving a form', () => {
  it('refuses a field mapped to an attribute of another type, naming the field, and a slug another form holds', async () => {
    const bad = { ...definition, slug: 'other', fields: [{ id: 'a', type: 'date', label: 'A', attribute: 'age' }] };
    await expect(saveForm(h.deps.db, { id: null, definition: bad }, { email: 'x', now: h.deps.now() })).rejects.toMatchObject({
      code: 'invalid:form',
      issues: [{ path: ['definition', 'fields', 0, 'attribute'] }],
    });
    await expect(saveForm(h.deps.db, { id: null, definition }, { email: 'x', now: h.deps.now() })).rejects.toMatchObject({
      code: 'conflict:form_slug',
    });
  });

  it('keeps its slug once created (links already sent carry it) while the rest of the form can change', async () => {
    const by = { email: 'x', now: h.deps.now() };
    await expect(saveForm(h.deps.db, { id: formId, definition: { ...definition, slug: 'survey-2' } }, by)).rejects.toMatchObject({
      code: 'invalid:form_slug',
      issues: [{ path: ['definition', 'slug'] }],
    });
    expect((await saveForm(h.deps.db, { id: formId, definition }, by)).slug).toBe('survey');
  });
});

describe('a friend submits through their link', () => {
  it('a forged, tampered, foreign-key or expired link is not found and stores nothing', async () => {
    const before = await counts();
    const good = token();
    const [body, sig] = good.split('.');
    const other = JSON.parse(Buffer.from(body ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const tampered = `${Buffer.from(JSON.stringify({ ...other, f: randomUUID() })).toString('base64url')}.${sig}`;
    const bad = [
      tampered,
      `${body}.${'A'.repeat(sig?.length ?? 22)}`,
      token({ secret: 'some-other-secret-0123456789abcdef' }),
      token({ now: new Date(h.deps.now().getTime() - 31 * DAY) }),
      token({ slug: 'no-such-form' }),
      'nope',
    ];
    for (const t of bad) {
      expect(await submitForm(h.deps, { token: t, nonce: randomUUID(), values: { rank: ['gold'] } })).toEqual({ status: 'not_found' });
    }
    expect(await counts()).toEqual(before);
  });

  it('invalid answers are answered per field and store nothing', async () => {
    const before = await counts();
    expect(await submitForm(h.deps, { token: token(), nonce: randomUUID(), values: { rank: ['platinum'], age: ['三十'] } })).toEqual({
      status: 'invalid',
      problems: [
        { fieldId: 'rank', problem: 'invalid_choice' },
        { fieldId: 'age', problem: 'invalid_number' },
      ],
    });
    expect(await counts()).toEqual(before);
  });

  it('a valid submit stores the response, sets the attributes, writes form_submitted with its dispatch row; a double submit stores once', async () => {
    const nonce = randomUUID();
    const input = { token: token(), nonce, values: { rank: ['silver'], age: ['４２'], note: ['=HYPERLINK("x")'] } };
    const r = await submitForm(h.deps, input);
    expect(r.status).toBe('stored');
    expect(await submitForm(h.deps, input)).toEqual({ status: 'duplicate', responseId: 'responseId' in r ? r.responseId : '' });

    const responses = await h.deps.db.select().from(formResponses);
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({ formId, friendId, answers: { rank: 'silver', age: 42, note: '=HYPERLINK("x")' }, isTest: false });
    const [friend] = await h.deps.db.select().from(friends).where(eq(friends.id, friendId));
    expect(friend?.attributes).toEqual({ area: 'kanto', rank: 'silver', age: 42 });
    const evs = await h.deps.db.select().from(events).where(eq(events.name, 'form_submitted'));
    expect(evs).toHaveLength(1);
    expect(evs[0]).toMatchObject({ friendId, source: 'system', properties: { formId, formSlug: 'survey', responseId: responses[0]?.id } });
    expect(responses[0]?.eventId).toBe(evs[0]?.id);
    expect((await h.dispatched()).filter((d) => d.kind === 'event')).toEqual([{ kind: 'event', friendId, eventId: evs[0]?.id }]);

    // A second page load is a second submit.
    expect((await submitForm(h.deps, { ...input, nonce: randomUUID() })).status).toBe('stored');
    expect(await h.deps.db.select().from(formResponses)).toHaveLength(2);
  });
});

describe('{{form:<slug>}} at send time', () => {
  it('becomes the friend’s own link, which opens the form', () => {
    const url = (slug: string) =>
      formLinkUrl(friendId, slug, { baseUrl: 'https://kizuna.example', secret: h.deps.secret, now: h.deps.now() });
    const [m] = fillFormLinksIn([{ type: 'text', text: 'こちらから {{form:survey}} どうぞ' }], url);
    const text = m?.type === 'text' ? m.text : '';
    const found = /https:\/\/kizuna\.example\/f\/(\S+)/.exec(text);
    expect(text.startsWith('こちらから https://kizuna.example/f/')).toBe(true);
    expect(readFormLink(found?.[1] ?? '', { secret: h.deps.secret, now: h.deps.now() })).toEqual({ friendId, slug: 'survey' });
  });
});

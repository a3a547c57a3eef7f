// Answer forms: the definition's own rules, attribute mapping type checks, and a friend's answers checked and typed.
import { describe, expect, it } from 'vitest';
import { attributeValuesOf, checkAnswers, checkFormAttributes, FormDefinitionSchema, type FormDefinition } from './forms';

const form: FormDefinition = FormDefinitionSchema.parse({
  slug: 'survey',
  title: 'アンケート',
  fields: [
    { id: 'name', type: 'text', label: 'お名前', required: true },
    { id: 'note', type: 'textarea', label: 'ご意見' },
    { id: 'rank', type: 'single_choice', label: 'ランク', options: ['gold', 'silver'], attribute: 'rank' },
    { id: 'likes', type: 'multiple_choice', label: '好きなもの', options: ['靴', '鞄', '帽子'], attribute: 'likes' },
    { id: 'birthday', type: 'date', label: '誕生日', attribute: 'birthday' },
    { id: 'age', type: 'number', label: '年齢', attribute: 'age' },
    { id: 'mail', type: 'email', label: 'メール' },
    { id: 'tel', type: 'phone', label: '電話' },
  ],
});

const defs = [
  { key: 'rank', type: 'enum' as const, options: ['gold', 'silver', 'bronze'] },
  { key: 'likes', type: 'string' as const, options: null },
  { key: 'birthday', type: 'date' as const, options: null },
  { key: 'age', type: 'number' as const, options: null },
  { key: 'vip', type: 'boolean' as const, options: null },
];

describe('form definition', () => {
  it('refuses duplicate field ids, choice fields without choices and choices on other fields, each with its path', () => {
    const r = FormDefinitionSchema.safeParse({
      slug: 'x',
      title: 'x',
      fields: [
        { id: 'a', type: 'single_choice', label: 'A' },
        { id: 'a', type: 'text', label: 'B', options: ['1'] },
      ],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['fields.0.options', 'fields.1.id', 'fields.1.options']);
  });

  it('refuses a slug that could not sit in {{form:<slug>}} and a form with no fields', () => {
    expect(FormDefinitionSchema.safeParse({ slug: 'Bad Slug', title: 'x', fields: [{ id: 'a', type: 'text', label: 'A' }] }).success).toBe(
      false,
    );
    expect(FormDefinitionSchema.safeParse({ slug: 'ok', title: 'x', fields: [] }).success).toBe(false);
  });
});

describe('attribute mapping', () => {
  it('accepts compatible types (an enum holding every choice)', () => {
    expect(checkFormAttributes(form, defs)).toEqual([]);
  });

  it('refuses an unknown attribute, a type mismatch, an enum missing a choice and two fields on one attribute', () => {
    const bad = FormDefinitionSchema.parse({
      ...form,
      fields: [
        { id: 'a', type: 'text', label: 'A', attribute: 'nope' },
        { id: 'b', type: 'number', label: 'B', attribute: 'birthday' },
        { id: 'c', type: 'single_choice', label: 'C', options: ['gold', 'platinum'], attribute: 'rank' },
        { id: 'd', type: 'single_choice', label: 'D', options: ['gold'], attribute: 'rank' },
        { id: 'e', type: 'text', label: 'E', attribute: 'vip' },
      ],
    });
    const issues = checkFormAttributes(bad, defs);
    expect(issues.map((i) => i.path.join('.'))).toEqual([
      'fields.0.attribute',
      'fields.1.attribute',
      'fields.2.attribute',
      'fields.3.attribute',
      'fields.4.attribute',
    ]);
    expect(issues[2]?.message).toContain('platinum');
    expect(issues[3]?.message).toContain('two fields');
  });
});

describe('answers', () => {
  it('types every kind of answer, narrowing full-width input, and maps attributes', () => {
    const r = checkAnswers(form, {
      name: ' 花子 ',
      note: '',
      rank: 'gold',
      likes: ['帽子', '靴', '靴'],
      birthday: '１９９０/０４/０１',
      age: '３４',
      mail: 'hanako@example.jp',
      tel: '０９０－１２３４－５６７８',
      unknown: 'ignored',
    });
    expect(r).toEqual({
      ok: true,
      answers: {
        name: '花子',
        rank: 'gold',
        likes: ['靴', '帽子'],
        birthday: '1990-04-01',
        age: 34,
        mail: 'hanako@example.jp',
        tel: '090-1234-5678',
      },
    });
    if (!r.ok) return;
    expect(attributeValuesOf(form, r.answers)).toEqual({ rank: 'gold', likes: '靴, 帽子', birthday: '1990-04-01', age: 34 });
  });

  it('reports every problem with its field and stores nothing typed', () => {
    const r = checkAnswers(form, {
      name: '   ',
      rank: 'platinum',
      likes: ['靴', '傘'],
      birthday: '2025-02-30',
      age: '3歳',
      mail: 'not-an-email',
      tel: 'abc',
      note: 'x'.repeat(5001),
    });
    expect(r).toEqual({
      ok: false,
      problems: [
        { fieldId: 'name', problem: 'required' },
        { fieldId: 'note', problem: 'too_long' },
        { fieldId: 'rank', problem: 'invalid_choice' },
        { fieldId: 'likes', problem: 'invalid_choice' },
        { fieldId: 'birthday', problem: 'invalid_date' },
        { fieldId: 'age', problem: 'invalid_number' },
        { fieldId: 'mail', problem: 'invalid_email' },
        { fieldId: 'tel', problem: 'invalid_phone' },
      ],
    });
  });

  it('refuses two values for a single-answer field', () => {
    expect(checkAnswers(form, { name: ['a', 'b'], rank: ['gold', 'silver'] })).toEqual({
      ok: false,
      problems: [
        { fieldId: 'name', problem: 'too_long' },
        { fieldId: 'rank', problem: 'invalid_choice' },
      ],
    });
  });

  it('a text that reads like a problem code is just text', () => {
    expect(checkAnswers(form, { name: 'too_long' })).toEqual({ ok: true, answers: { name: 'too_long' } });
  });
});

describe('{{form:<slug>}} in messages', () => {
  it('is a known placeholder that rendering leaves for the sender to fill', async () => {
    const { parseTemplate, renderTemplate, previewTemplate } = await import('./templates');
    const { friendFixture } = await import('./fixtures');
    const text = 'ご回答はこちら {{form:survey}} {{friend.displayName}}さん';
    expect(parseTemplate(text).problems).toEqual([]);
    expect(renderTemplate(text, { friend: friendFixture(), event: null })).toBe('ご回答はこちら {{form:survey}} 花子さん');
    expect(previewTemplate(text, 'ja')).toBe('ご回答はこちら ［フォーム「survey」のリンク］ ［友だちの表示名］さん');
    expect(parseTemplate('{{form:Bad Slug}}').problems.map((p) => p.code)).toEqual(['template_unknown_placeholder']);
  });
});

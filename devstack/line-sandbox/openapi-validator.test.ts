// The OpenAPI-driven validator: discriminated message types, LINE's extra limits, webhook bodies, the bundled spec's integrity.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledOpenApiDir, loadLineValidator, toLineProperty } from './openapi-validator';

const v = loadLineValidator();
const to = `U${'a'.repeat(32)}`;
const push = (messages: unknown[]) => v.messaging('PushMessageRequest', { to, messages });

describe('messaging-api.yml', () => {
  it('walks discriminators down nested flex and template content', () => {
    const bubble = {
      type: 'bubble',
      body: {
        type: 'box',
        layout: 'vertical',
        contents: [
          { type: 'text', text: 'x' },
          { type: 'button', action: { type: 'uri', label: 'Go', uri: 'https://example.com' } },
        ],
      },
    };
    expect(push([{ type: 'flex', altText: 'card', contents: bubble }])).toEqual([]);
    expect(
      push([{ type: 'flex', altText: 'card', contents: { ...bubble, body: { ...bubble.body, contents: [{ type: 'txt' }] } } }]),
    ).toEqual([
      {
        message: expect.stringMatching(/^Must be one of the following values: \[box, /),
        property: 'messages[0].contents.body.contents[0].type',
      },
    ]);
    const buttons = { type: 'buttons', text: 'Pick', actions: [{ type: 'postback', label: 'Use', data: 'coupon_used' }] };
    expect(push([{ type: 'template', altText: 'pick', template: buttons }])).toEqual([]);
    expect(push([{ type: 'template', altText: 'pick', template: { ...buttons, actions: [{ type: 'postback', label: 'Use' }] } }])).toEqual([
      { message: 'Must be specified', property: 'messages[0].template.actions[0].data' },
    ]);
  });

  it('adds the limits LINE documents outside the spec: text 1..5000 UTF-16 units, altText, https images, postback data', () => {
    expect(push([{ type: 'text', text: '😀'.repeat(2500) }])).toEqual([]);
    expect(push([{ type: 'text', text: `${'😀'.repeat(2500)}a` }])).toHaveLength(1);
    expect(push([{ type: 'flex', altText: 'a'.repeat(1501), contents: { type: 'bubble' } }])).toEqual([
      { message: 'Length must be between 1 and 1500', property: 'messages[0].altText' },
    ]);
    expect(push([{ type: 'image', originalContentUrl: 'http://x.example/a.png', previewImageUrl: 'https://x.example/a.png' }])).toEqual([
      { message: 'Must match pattern "^https://"', property: 'messages[0].originalContentUrl' },
    ]);
    expect(
      push([
        {
          type: 'text',
          text: 'x',
          quickReply: { items: [{ type: 'action', action: { type: 'postback', label: 'a', data: 'x'.repeat(301) } }] },
        },
      ]),
    ).toEqual([{ message: 'Length must be between 0 and 300', property: 'messages[0].quickReply.items[0].action.data' }]);
  });

  it('names missing and mistyped properties', () => {
    expect(v.messaging('PushMessageRequest', { messages: [{ type: 'sticker', packageId: '1' }] })).toEqual([
      { message: 'Must be specified', property: 'to' },
      { message: 'Must be specified', property: 'messages[0].stickerId' },
    ]);
    expect(v.messaging('MulticastRequest', { to: 'U1', messages: [{ type: 'text', text: 'a' }] })).toEqual([
      { message: 'Must be array', property: 'to' },
    ]);
  });
});

describe('webhook.yml', () => {
  const event = {
    type: 'follow',
    mode: 'active',
    timestamp: 1,
    source: { type: 'user', userId: to },
    webhookEventId: '01J0000000000000000000000',
    deliveryContext: { isRedelivery: false },
    replyToken: 'r',
    follow: { isUnblocked: false },
  };
  it('accepts LINE-shaped bodies and rejects broken ones', () => {
    expect(v.webhook({ destination: to, events: [] })).toEqual([]);
    expect(v.webhook({ destination: to, events: [event] })).toEqual([]);
    const { follow: _f, ...noFollow } = event;
    expect(v.webhook({ destination: to, events: [noFollow] })).toEqual([{ message: 'Must be specified', property: 'events[0].follow' }]);
    expect(v.webhook({ destination: 'bot', events: [{ ...event, mode: 'passive' }] })).toEqual([
      { message: 'Length must be between 33 and 33', property: 'destination' },
      { message: 'Must match pattern "^U[0-9a-f]{32}$"', property: 'destination' },
      { message: 'Must be one of the following values: [active, standby]', property: 'events[0].mode' },
    ]);
  });
});

describe('the bundled spec', () => {
  it('is the copy SHA256SUMS records, every file the validator reads included', () => {
    const recorded = new Map(
      fs
        .readFileSync(path.join(bundledOpenApiDir, 'SHA256SUMS'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => {
          const [hash = '', file = ''] = line.split(/\s+\*?/);
          return [file, hash] as const;
        }),
    );
    expect([...recorded.keys()].sort()).toEqual(['LICENSE', 'insight.yml', 'messaging-api.yml', 'webhook.yml']);
    for (const [file, hash] of recorded) {
      expect(
        createHash('sha256')
          .update(fs.readFileSync(path.join(bundledOpenApiDir, file)))
          .digest('hex'),
        file,
      ).toBe(hash);
    }
  });
});

describe('error details', () => {
  it('writes JSON pointers the way LINE names properties', () => {
    expect(toLineProperty('/messages/0/contents/body')).toBe('messages[0].contents.body');
    expect(toLineProperty('', 'to')).toBe('to');
  });
});

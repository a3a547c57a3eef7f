// The friend-facing pages of inflow routes: the "not available" answer when no LINE Login channel is configured.
import { describe, expect, it } from 'vitest';
import { visitorLang, visitorPage } from './pages';

describe('visitor pages', () => {
  it('answers 503 with a plain message in the visitor’s language when inflow routes are off', async () => {
    const ja = visitorPage(visitorLang('ja-JP,ja;q=0.9'), 'unavailable', 503);
    expect(ja.status).toBe(503);
    expect(await ja.text()).toContain('ただいまご利用いただけません');
    const en = visitorPage(visitorLang('en-US'), 'unavailable', 503);
    expect(await en.text()).toContain('Not available right now');
  });
});

// The CSRF check of session routes: same-origin JSON passes, anything a cross-site page can send is refused.
import { describe, expect, it } from 'vitest';
import { assertSameOriginJson } from './same-origin';

const APP = 'https://kizuna.example.com';
const verdict = (method: string, headers: Record<string, string>, body?: BodyInit, url = `${APP}/api/scenarios`) => {
  try {
    assertSameOriginJson(new Request(url, { method, headers, body }), APP);
    return 'ok';
  } catch (err) {
    return (err as { code: string }).code;
  }
};
const json = { 'content-type': 'application/json' };

describe('assertSameOriginJson', () => {
  it('lets same-origin JSON through, from the app origin or the host the request was sent to', () => {
    expect(verdict('POST', { ...json, origin: APP, 'sec-fetch-site': 'same-origin' }, '{}')).toBe('ok');
    expect(verdict('PUT', { 'content-type': 'application/json; charset=utf-8', origin: APP }, '{}')).toBe('ok');
    // next dev reached as 127.0.0.1 while APP_BASE_URL says localhost: the Host header is the request's own origin.
    expect(verdict('POST', { ...json, origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }, '{}', 'http://localhost:3000/api/x')).toBe(
      'ok',
    );
    // Behind a proxy that sets x-forwarded-host.
    expect(verdict('POST', { ...json, origin: 'https://crm.shop.jp', 'x-forwarded-host': 'crm.shop.jp' }, '{}')).toBe('ok');
    // Scripts and tests send neither header; a body-less POST needs no content type.
    expect(verdict('POST', json, '{}')).toBe('ok');
    expect(verdict('POST', {})).toBe('ok');
  });

  it('refuses another site by Sec-Fetch-Site or Origin with 403 forbidden:cross_site', () => {
    expect(verdict('POST', { ...json, 'sec-fetch-site': 'cross-site' }, '{}')).toBe('forbidden:cross_site');
    expect(verdict('POST', { ...json, 'sec-fetch-site': 'same-site' }, '{}')).toBe('forbidden:cross_site');
    expect(verdict('DELETE', { origin: 'https://evil.example' })).toBe('forbidden:cross_site');
    expect(verdict('PATCH', { ...json, origin: 'null' }, '{}')).toBe('forbidden:cross_site');
    expect(verdict('POST', { ...json, origin: 'https://kizuna.example.com.evil.example' }, '{}')).toBe('forbidden:cross_site');
    // A cross-site form post says text/plain; the origin is refused first.
    expect(verdict('POST', { 'content-type': 'text/plain', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, '{}')).toBe(
      'forbidden:cross_site',
    );
  });

  it('refuses a body that is not JSON with 415, even same-origin', () => {
    expect(verdict('POST', { 'content-type': 'text/plain', origin: APP }, '{}')).toBe('unsupported:content_type');
    expect(verdict('POST', { 'content-type': 'application/x-www-form-urlencoded' }, 'a=1')).toBe('unsupported:content_type');
    // A Blob body without a type sends no Content-Type at all.
    expect(new Request(APP, { method: 'POST', body: new Blob(['{}']) }).headers.get('content-type')).toBeNull();
    expect(verdict('POST', { origin: APP }, new Blob(['{}']))).toBe('unsupported:content_type');
  });

  it('leaves safe methods alone', () => {
    expect(verdict('GET', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).toBe('ok');
  });
});

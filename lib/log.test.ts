// Log lines never carry query parameters, PostgreSQL's value-naming details or LINE user ids.
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { describeError, hashLineUserId, redact } from './log';

const userId = `U${'ab12'.repeat(8)}`;

describe('log redaction', () => {
  it('hashes LINE user ids the same way every time', () => {
    expect(redact(`friend ${userId} unfollowed`)).toBe(`friend ${hashLineUserId(userId)} unfollowed`);
    expect(hashLineUserId(userId)).not.toContain(userId.slice(1, 10));
  });

  it('drops the parameters and detail of a failed query', () => {
    const pg = Object.assign(new Error('duplicate key value violates unique constraint "friends_member_id"'), {
      name: 'PostgresError',
      code: '23505',
      detail: 'Key (member_id)=(M-secret-42) already exists.',
    });
    const err = new DrizzleQueryError('update "friends" set "member_id" = $1 where "line_user_id" = $2', ['M-secret-42', userId], pg);
    const line = describeError(new Error('bind failed', { cause: err }));
    expect(line).toContain('23505');
    expect(line).toContain('update "friends"');
    expect(line).not.toContain('M-secret-42');
    expect(line).not.toContain(userId);
  });
});

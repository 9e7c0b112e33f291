import { describe, expect, it } from 'vitest';
import { serializeError } from './logger.js';

describe('error serializer', () => {
  it("drops a failed query's parameters but keeps its SQL", () => {
    const err = new Error('Failed query: insert into "users" ("password_hash") values ($1)\nparams: $argon2id$v=19$secret');
    const out = serializeError(err) as { message: string; stack: string };
    expect(out.message).toContain('insert into "users"');
    expect(JSON.stringify(out)).not.toContain('argon2id');
  });

  it('leaves ordinary errors alone', () => {
    expect(serializeError(new Error('boom'))).toMatchObject({ message: 'boom', type: 'Error' });
  });
});

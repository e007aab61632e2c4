import { describe, expect, it } from 'vitest';
import { checkListenHost } from './host-policy.js';

describe('checkListenHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', 'localhost', '198.18.0.1', '198.19.255.254', '::ffff:127.0.0.1'])(
    'allows %s',
    (host) => expect(checkListenHost(host).allowed).toBe(true),
  );

  it.each(['0.0.0.0', '::', '192.168.1.10', '198.20.0.1', '198.17.0.1', '10.0.0.1', 'example.com'])('refuses %s', (host) => {
    const verdict = checkListenHost(host);
    expect(verdict.allowed).toBe(false);
    expect(verdict.allowed === false && verdict.reason).toContain('198.18.0.0/15');
  });
});

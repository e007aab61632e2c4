import { describe, expect, it } from 'vitest';
import { nginxConfig } from './nginx-config.js';

describe('nginxConfig', () => {
  const config = nginxConfig({
    prefixDir: '/tmp/n',
    host: '198.18.2.2',
    port: 8444,
    siteDir: '/tmp/site',
    certFile: '/tmp/n/cert.pem',
    keyFile: '/tmp/n/key.pem',
  });

  it('listens only on the lab address, with TLS and h2', () => {
    expect(config).toContain('listen 198.18.2.2:8444 ssl http2;');
    expect(config).not.toMatch(/listen\s+\d+;/);
  });

  it('serves the site at /media/ with a trailing-slash alias and keeps every path in the prefix', () => {
    expect(config).toContain('alias /tmp/site/;');
    expect(config).toContain('pid /tmp/n/nginx.pid;');
    expect(config).toContain('ssl_certificate_key /tmp/n/key.pem;');
    for (const line of config.split('\n').filter((l) => /_path |error_log /.test(l))) expect(line).toContain('/tmp/n/');
  });
});

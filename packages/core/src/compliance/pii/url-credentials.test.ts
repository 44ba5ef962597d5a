import { describe, expect, it } from 'vitest';
import { detectUrlCredentials } from './url-credentials.ts';

describe('detectUrlCredentials', () => {
  it('reports the user:password part only', () => {
    const [f] = detectUrlCredentials('🔑 连接串 postgres://app:s3cr:et@db.internal:5432/tessera');
    expect(f).toMatchObject({ text: 'app:s3cr:et', start: 17, end: 28, entity: 'URL_CREDENTIALS' });
  });

  it('ignores URLs without a password', () => {
    expect(detectUrlCredentials('ftp://anonymous@ftp.example.org/ https://example.com')).toEqual(
      [],
    );
  });
});

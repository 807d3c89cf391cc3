import { createLogger, memoryLogDestination, redactSecrets } from './logger.js';

const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl';

/** A logger writing into an array of lines. */
function capturedLogger() {
  const { destination, lines } = memoryLogDestination();
  return { log: createLogger('test', 'info', destination), lines };
}

describe('the logger', () => {
  it('cuts tokens out of any text: export links, token= and password= values, Bearer headers, bare JWTs', () => {
    expect(redactSecrets(`GET /export/${jwt}?x=1 failed`)).toBe('GET /export/[redacted]?x=1 failed');
    expect(redactSecrets(`/graphql?token=${jwt}&a=1 password=hunter22`)).toBe('/graphql?token=[redacted]&a=1 password=[redacted]');
    expect(redactSecrets(`authorization: Bearer ${jwt}`)).toBe('authorization: Bearer [redacted]');
    expect(redactSecrets(`the token ${jwt}.`)).toBe('the token [redacted].');
    expect(redactSecrets('a feed page of 20 activities')).toBe('a feed page of 20 activities');
  });

  it('never writes a token, whether in a field, a URL, an error or the message', async () => {
    const { log, lines } = capturedLogger();
    log.error({ err: new Error(`export query failed at /export/${jwt}`), url: `/export/${jwt}` }, 'request failed');
    log.error(new Error(`fetch /export/${jwt} refused`));
    log.warn({ headers: { authorization: `Bearer ${jwt}` }, password: 'correct horse battery' }, `retrying /export/${jwt}`);
    log.info({ nested: { deeper: [{ link: `http://host/export/${jwt}` }] } }, 'link');
    expect(lines).toHaveLength(4);
    const all = lines.join('\n');
    expect(all).not.toContain(jwt);
    expect(all).not.toContain('correct horse battery');
    const [failed, bare] = lines.map((line) => JSON.parse(line));
    expect(failed).toMatchObject({
      msg: 'request failed',
      url: '/export/[redacted]',
      err: { type: 'Error', message: 'export query failed at /export/[redacted]' },
    });
    expect(failed.err.stack).toContain('export query failed at /export/[redacted]');
    expect(bare).toMatchObject({ msg: 'fetch /export/[redacted] refused', err: { message: 'fetch /export/[redacted] refused' } });
  });
});

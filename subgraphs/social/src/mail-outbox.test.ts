import { createLogger, memoryLogDestination } from '@pacegraph/service-kit';
import { mailText, type Mail } from './domain/mail-outbox.js';
import { logQueuedMail } from './mail-outbox.js';

/** A logger writing into an array of lines. */
function capturedLogger() {
  const { destination, lines } = memoryLogDestination();
  return { log: createLogger('social', 'info', destination), lines };
}

const codeMail: Mail = { recipient: 'ada@example.com', kind: 'SIGN_UP_CODE', code: '048213' };

describe('the log line standing in for a mail', () => {
  it('holds the address and the code outside production, and says it stands in for sending', () => {
    const { log, lines } = capturedLogger();
    logQueuedMail(log, false, { id: 'mail-1', mail: codeMail }, { pendingSignUpId: 'pending-1' });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({
      level: 30,
      mailId: 'mail-1',
      mailKind: 'SIGN_UP_CODE',
      pendingSignUpId: 'pending-1',
      to: 'ada@example.com',
    });
    expect(line.msg).toContain('Your code is 048213');
    expect(line.msg).toContain('stand-in for sending');
  });

  it('holds only the kind and ids in production: neither the address nor the code', () => {
    const { log, lines } = capturedLogger();
    logQueuedMail(log, true, { id: 'mail-1', mail: codeMail }, { pendingSignUpId: 'pending-1' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      msg: 'mail queued',
      mailId: 'mail-1',
      mailKind: 'SIGN_UP_CODE',
      pendingSignUpId: 'pending-1',
    });
    expect(lines[0]).not.toContain('048213');
    expect(lines[0]).not.toContain('ada@example.com');
  });

  it('tells the holder of a taken address that someone tried, with no code', () => {
    expect(mailText({ kind: 'ACCOUNT_EXISTS', code: null }).text).toMatch(/already has an account.*log in/);
  });
});

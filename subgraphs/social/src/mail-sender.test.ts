import { createLogger, memoryLogDestination } from '@pacegraph/service-kit';
import { deliverInBackground, mailDeliveryAttempts, type MailSender } from './mail-sender.js';
import type { QueuedMail } from './store/outbound-mail.js';

const queued: QueuedMail = { id: 'mail-1', mail: { recipient: 'ada@example.com', kind: 'PASSWORD_RESET_CODE', code: '048213' } };

/** A sender failing its first `failures` tries; resolves `delivered` once a try succeeds. */
function flakySender(failures: number) {
  let tries = 0;
  let deliver!: () => void;
  const delivered = new Promise<void>((resolve) => (deliver = resolve));
  const sender: MailSender = {
    async send() {
      tries++;
      if (tries <= failures) throw new Error(`SMTP down (try ${tries})`);
      deliver();
    },
    close: async () => undefined,
  };
  return { sender, delivered, tries: () => tries };
}

describe('delivering a queued mail in the background', () => {
  it('retries a failed delivery until it goes through', async () => {
    const { destination, lines } = memoryLogDestination();
    const flaky = flakySender(2);
    deliverInBackground(flaky.sender, createLogger('social', 'info', destination), queued, { passwordResetId: 'reset-1' });
    await flaky.delivered;
    expect(flaky.tries()).toBe(3);
    expect(lines.filter((line) => line.includes('retrying'))).toHaveLength(2);
    expect(lines.join('\n')).not.toContain('048213');
  });

  it(`gives up after ${mailDeliveryAttempts} tries, logging it without the address or code`, async () => {
    const { destination, lines } = memoryLogDestination();
    const flaky = flakySender(Infinity);
    deliverInBackground(flaky.sender, createLogger('social', 'info', destination), queued, { passwordResetId: 'reset-1' });
    for (let waited = 0; !lines.some((line) => line.includes('could not be delivered')) && waited < 10_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(flaky.tries()).toBe(mailDeliveryAttempts);
    const given = lines.find((line) => line.includes('could not be delivered'))!;
    expect(JSON.parse(given)).toMatchObject({ level: 50, mailId: 'mail-1', mailKind: 'PASSWORD_RESET_CODE', passwordResetId: 'reset-1' });
    expect(lines.join('\n')).not.toContain('048213');
    expect(lines.join('\n')).not.toContain('ada@example.com');
  }, 15_000);
});

import { createHash } from 'node:crypto';
import { DomainError, RateLimiter, type RateLimit, type RateLimitStore } from '@pacegraph/service-kit';
import { normalizeEmail } from './domain/account-rules.js';

/** How often clients may sign up, guess passwords and follow. */
export interface AccountLimits {
  /** Failed logIns at one email from one address; that pair then waits, the account's owner elsewhere does not. @default 10 per 15 min */
  logInFailuresPerEmailAndAddress: RateLimit;
  /** Failed logIns from one address at any emails (trying a leaked list). @default 100 per 15 min */
  logInFailuresPerAddress: RateLimit;
  /** Failed logIns at one email from any addresses (guesses spread over many). @default 100 per 15 min */
  logInFailuresPerEmail: RateLimit;
  /** Sign-ups started from one address. @default 10 per hour */
  signUpsPerAddress: RateLimit;
  /** Sign-up codes tried from one address (each pending sign-up also takes only 5). @default 30 per 15 min */
  signUpConfirmationsPerAddress: RateLimit;
  /** Follows by one athlete. @default 200 per hour */
  followsPerAthlete: RateLimit;
}

const minutes = (count: number) => count * 60;

/** The limits PaceGraph runs with. */
export const defaultAccountLimits: AccountLimits = {
  logInFailuresPerEmailAndAddress: { points: 10, windowSeconds: minutes(15) },
  logInFailuresPerAddress: { points: 100, windowSeconds: minutes(15) },
  logInFailuresPerEmail: { points: 100, windowSeconds: minutes(15) },
  signUpsPerAddress: { points: 10, windowSeconds: minutes(60) },
  signUpConfirmationsPerAddress: { points: 30, windowSeconds: minutes(15) },
  followsPerAthlete: { points: 200, windowSeconds: minutes(60) },
};

/** The failure logIn counts against its limits: the wrong password (or no such account). */
const badCredentials = 'ACCOUNT.BAD_CREDENTIALS';

/** Requests the gateway signed without an address (its own, as a data export's) share one key. */
const unknownAddress = 'unknown';

/**
 * The limits on account mutations, counted in the store every instance of
 * social shares (Redis, or this process's memory on the embedded default).
 */
export class AccountThrottles {
  private readonly pairFailures: RateLimiter;
  private readonly addressFailures: RateLimiter;
  private readonly emailFailures: RateLimiter;
  private readonly signUps: RateLimiter;
  private readonly signUpConfirmations: RateLimiter;
  private readonly follows: RateLimiter;

  constructor(
    private readonly store: RateLimitStore,
    limits: AccountLimits = defaultAccountLimits,
  ) {
    const tooManyLogIns = { reason: 'ACCOUNT.TOO_MANY_LOG_INS', message: 'Too many failed sign-ins; try again later' };
    this.pairFailures = new RateLimiter('log-in-email-address', limits.logInFailuresPerEmailAndAddress, store, tooManyLogIns);
    this.addressFailures = new RateLimiter('log-in-address', limits.logInFailuresPerAddress, store, tooManyLogIns);
    this.emailFailures = new RateLimiter('log-in-email', limits.logInFailuresPerEmail, store, tooManyLogIns);
    this.signUps = new RateLimiter('sign-up-address', limits.signUpsPerAddress, store, {
      reason: 'ACCOUNT.TOO_MANY_SIGN_UPS',
      message: 'Too many accounts made from this network; try again later',
    });
    this.signUpConfirmations = new RateLimiter('confirm-sign-up-address', limits.signUpConfirmationsPerAddress, store, {
      reason: 'ACCOUNT.TOO_MANY_SIGN_UP_CODES',
      message: 'Too many sign-up codes tried from this network; try again later',
    });
    this.follows = new RateLimiter('follow-athlete', limits.followsPerAthlete, store, {
      reason: 'FOLLOW.TOO_MANY',
      message: 'Too many follows; try again later',
    });
  }

  /**
   * Runs a logIn unless its email, address or the pair of them has failed too
   * often (RATE_LIMITED, refused before the password is checked). A wrong
   * password counts against all three; the right one clears the pair's count.
   */
  async logIn<Session>(email: string, address: string | undefined, attempt: () => Promise<Session>): Promise<Session> {
    // Keys name the account by a hash: the store (Redis) need not hold anyone's email.
    const account = createHash('sha256').update(normalizeEmail(email)).digest('base64url');
    const client = address ?? unknownAddress;
    const pair = `${client}|${account}`;
    await this.pairFailures.ensureOpen(pair);
    await this.addressFailures.ensureOpen(client);
    await this.emailFailures.ensureOpen(account);
    try {
      const session = await attempt();
      await this.pairFailures.reset(pair);
      return session;
    } catch (error) {
      if (error instanceof DomainError && error.reason === badCredentials) {
        await Promise.all([this.pairFailures.count(pair), this.addressFailures.count(client), this.emailFailures.count(account)]);
      }
      throw error;
    }
  }

  /** Counts a sign-up started from `address`; RATE_LIMITED over the limit. */
  signUp(address: string | undefined): Promise<void> {
    return this.signUps.take(address ?? unknownAddress);
  }

  /** Counts a sign-up code tried from `address`, right or wrong; RATE_LIMITED over the limit. */
  confirmSignUp(address: string | undefined): Promise<void> {
    return this.signUpConfirmations.take(address ?? unknownAddress);
  }

  /** Counts a follow by `athleteId`; RATE_LIMITED over the limit. */
  follow(athleteId: string): Promise<void> {
    return this.follows.take(athleteId);
  }

  /** Releases the store's connection. */
  close(): Promise<void> {
    return this.store.close();
  }
}

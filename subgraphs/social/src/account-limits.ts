import { createHash } from 'node:crypto';
import { DomainError, RateLimiter, type RateLimit, type RateLimitStore } from '@pacegraph/service-kit';
import { normalizeEmail } from './domain/account-rules.js';
import { SocialReason } from './domain/reasons.js';

/** How often clients may sign up, guess passwords, follow and search. */
export interface AccountLimits {
  /** Failed logIns at one email from one address; that pair then waits, the account's owner elsewhere does not. @default 10 per 15 min */
  logInFailuresPerEmailAndAddress: RateLimit;
  /** Failed logIns from one address at any emails (trying a leaked list). @default 100 per 15 min */
  logInFailuresPerAddress: RateLimit;
  /**
   * Failed logIns at one email from any addresses (guesses spread over many).
   * Not held against an address the account signed in from before, so an
   * attack from many addresses does not lock its owner out. @default 100 per 15 min
   */
  logInFailuresPerEmail: RateLimit;
  /** Sign-ups started from one address. @default 10 per hour */
  signUpsPerAddress: RateLimit;
  /** Mailed codes (sign-up, password reset) tried from one address (each code also takes only 5). @default 30 per 15 min */
  signUpConfirmationsPerAddress: RateLimit;
  /** Password resets asked for from one address. @default 10 per hour */
  passwordResetsPerAddress: RateLimit;
  /** Follows by one athlete. @default 200 per hour */
  followsPerAthlete: RateLimit;
  /** searchAthletes pages asked for by one athlete: enough to type names, too few to list everyone. @default 300 per 15 min */
  searchesPerAthlete: RateLimit;
}

const minutes = (count: number) => count * 60;

/** The limits PaceGraph runs with. */
export const defaultAccountLimits: AccountLimits = {
  logInFailuresPerEmailAndAddress: { points: 10, windowSeconds: minutes(15) },
  logInFailuresPerAddress: { points: 100, windowSeconds: minutes(15) },
  logInFailuresPerEmail: { points: 100, windowSeconds: minutes(15) },
  signUpsPerAddress: { points: 10, windowSeconds: minutes(60) },
  signUpConfirmationsPerAddress: { points: 30, windowSeconds: minutes(15) },
  passwordResetsPerAddress: { points: 10, windowSeconds: minutes(60) },
  followsPerAthlete: { points: 200, windowSeconds: minutes(60) },
  searchesPerAthlete: { points: 300, windowSeconds: minutes(15) },
};

/**
 * How long an address the account signed in from stays known to it (the
 * in-memory store expires keys with a timer, which holds at most ~24.8 days).
 * @default 14 days
 */
const knownAddressSeconds = 14 * 24 * 3600;

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
  /** Address and account pairs that signed in: one point marks the pair known for {@link knownAddressSeconds}. */
  private readonly knownAddresses: RateLimiter;
  private readonly signUps: RateLimiter;
  private readonly signUpConfirmations: RateLimiter;
  private readonly follows: RateLimiter;
  private readonly searches: RateLimiter;
  private readonly passwordResets: RateLimiter;

  constructor(
    private readonly store: RateLimitStore,
    limits: AccountLimits = defaultAccountLimits,
  ) {
    const limiter = (key: string, limit: RateLimit, reason: string, message: string) =>
      new RateLimiter(key, limit, store, { reason, message });
    const tooManyLogIns = [SocialReason.TooManyLogIns, 'Too many failed sign-ins; try again later'] as const;
    this.pairFailures = limiter('log-in-email-address', limits.logInFailuresPerEmailAndAddress, ...tooManyLogIns);
    this.addressFailures = limiter('log-in-address', limits.logInFailuresPerAddress, ...tooManyLogIns);
    this.emailFailures = limiter('log-in-email', limits.logInFailuresPerEmail, ...tooManyLogIns);
    this.knownAddresses = limiter('log-in-known-address', { points: 1, windowSeconds: knownAddressSeconds }, ...tooManyLogIns);
    this.signUps = limiter(
      'sign-up-address',
      limits.signUpsPerAddress,
      SocialReason.TooManySignUps,
      'Too many accounts made from this network; try again later',
    );
    this.signUpConfirmations = limiter(
      'confirm-sign-up-address',
      limits.signUpConfirmationsPerAddress,
      SocialReason.TooManySignUpCodes,
      'Too many sign-up codes tried from this network; try again later',
    );
    this.passwordResets = limiter(
      'password-reset-address',
      limits.passwordResetsPerAddress,
      SocialReason.TooManyPasswordResets,
      'Too many password resets asked for from this network; try again later',
    );
    this.follows = limiter('follow-athlete', limits.followsPerAthlete, SocialReason.TooManyFollows, 'Too many follows; try again later');
    this.searches = limiter(
      'search-athlete',
      limits.searchesPerAthlete,
      SocialReason.TooManySearches,
      'Too many searches; try again later',
    );
  }

  /**
   * Runs a logIn unless its email, address or the pair of them has failed too
   * often (RATE_LIMITED, refused before the password is checked).
   */
  logIn<Session>(email: string, address: string | undefined, attempt: () => Promise<Session>): Promise<Session> {
    // Keys name the account by a hash: the store (Redis) need not hold anyone's email.
    return this.passwordAttempt(createHash('sha256').update(normalizeEmail(email)).digest('base64url'), address, attempt);
  }

  /**
   * Runs a check of a signed-in athlete's password (changePassword,
   * deleteMyAccount) under the same limits as logIn, so a token is no way
   * around them.
   */
  confirmPassword<Result>(userId: string, address: string | undefined, attempt: () => Promise<Result>): Promise<Result> {
    return this.passwordAttempt(`athlete:${userId}`, address, attempt);
  }

  /**
   * Every attempt takes its point from the pair, the address and the account
   * before the password is checked, so attempts sent at once cannot all pass
   * the check before any is counted; the right password gives them back and
   * clears the pair. The account's own limit is not held against an address
   * it signed in from before.
   */
  private async passwordAttempt<Result>(account: string, address: string | undefined, attempt: () => Promise<Result>): Promise<Result> {
    const client = address ?? unknownAddress;
    const pair = `${client}|${account}`;
    const known = (await this.knownAddresses.spent(pair)) > 0;
    await this.pairFailures.take(pair);
    await this.addressFailures.take(client);
    if (!known) await this.emailFailures.take(account);
    let result: Result;
    try {
      result = await attempt();
    } catch (error) {
      if (!(error instanceof DomainError && error.reason === SocialReason.BadCredentials))
        await this.giveBack(pair, client, known ? null : account);
      throw error;
    }
    await Promise.all([
      this.giveBack(null, client, known ? null : account),
      this.pairFailures.reset(pair),
      known ? null : this.knownAddresses.count(pair),
    ]);
    return result;
  }

  private async giveBack(pair: string | null, client: string, account: string | null): Promise<void> {
    await Promise.all([
      pair === null ? null : this.pairFailures.giveBack(pair),
      this.addressFailures.giveBack(client),
      account === null ? null : this.emailFailures.giveBack(account),
    ]);
  }

  /** Counts a sign-up started from `address`; RATE_LIMITED over the limit. */
  signUp(address: string | undefined): Promise<void> {
    return this.signUps.take(address ?? unknownAddress);
  }

  /** Counts a mailed code (sign-up, password reset) tried from `address`, right or wrong; RATE_LIMITED over the limit. */
  confirmSignUp(address: string | undefined): Promise<void> {
    return this.signUpConfirmations.take(address ?? unknownAddress);
  }

  /** Counts a password reset asked for from `address`; RATE_LIMITED over the limit. */
  requestPasswordReset(address: string | undefined): Promise<void> {
    return this.passwordResets.take(address ?? unknownAddress);
  }

  /** Counts a follow by `athleteId`; RATE_LIMITED over the limit. */
  follow(athleteId: string): Promise<void> {
    return this.follows.take(athleteId);
  }

  /** Counts a search by `athleteId`; RATE_LIMITED over the limit. */
  search(athleteId: string): Promise<void> {
    return this.searches.take(athleteId);
  }

  /** Releases the store's connection. */
  close(): Promise<void> {
    return this.store.close();
  }
}

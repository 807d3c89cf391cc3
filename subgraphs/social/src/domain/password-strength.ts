import { readFileSync } from 'node:fs';
import { BadUserInputError } from '@pacegraph/service-kit';
import { SocialReason } from './reasons.js';

/** Shorter names and email parts than this are not looked for in a password: too many words contain them. */
const personalPartMinLength = 4;

/** The common passwords shipped in `data/common-passwords.txt` (see its header for where they come from). */
const commonPasswords: ReadonlySet<string> = new Set(
  readFileSync(new URL('../../data/common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#')),
);

const leet: Record<string, string> = { '@': 'a', '4': 'a', '0': 'o', '1': 'i', '3': 'e', $: 's', '5': 's', '7': 't', '!': 'i' };

/** The forms of a password looked up in the list: as typed, without a tail of digits and symbols, and un-leeted. */
function listedForms(password: string): string[] {
  const lower = password.toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/u, '');
  const unleeted = stem.replace(/[@4013$57!]/g, (character) => leet[character]!);
  // A 1 stands for an l as often as for an i (he11o).
  const forms = [lower, stem, unleeted, unleeted.replace(/i/g, 'l')];
  return forms.filter((form) => form.length >= 4);
}

/** Whether the password is one character or a group of up to four repeated, or a straight run up or down. */
function isTooSimple(password: string): boolean {
  if (/^(.{1,4})\1+$/su.test(password)) return true;
  const codes = [...password].map((character) => character.codePointAt(0)!);
  const step = codes[1]! - codes[0]!;
  return Math.abs(step) === 1 && codes.every((code, index) => index === 0 || code - codes[index - 1]! === step);
}

/** The name words and the email's local part a password must not contain, lower-cased. */
function personalParts(name: string, email: string): string[] {
  const local = email.toLowerCase().split('@')[0] ?? '';
  const words = name.toLowerCase().split(/\s+/);
  return [local, words.join(''), ...words].filter((part) => part.length >= personalPartMinLength);
}

/**
 * Refuses a password a guesser would try early: a common one (the shipped
 * list, with appended digits/symbols and letter-for-digit swaps seen
 * through), a trivial one, or one built from the athlete's own name or
 * email. BAD_USER_INPUT on `field` with a `SocialReason.Password…` reason.
 */
export function checkPasswordStrength(password: string, owner: { name: string; email: string }, field = 'password'): void {
  const refuse = (reason: string, message: string) => {
    throw new BadUserInputError(reason, message, field);
  };
  if (isTooSimple(password.trim())) refuse(SocialReason.PasswordTooSimple, 'Password is too simple: avoid repeats and runs like 12345678');
  if (listedForms(password.trim()).some((form) => commonPasswords.has(form))) {
    refuse(SocialReason.PasswordTooCommon, 'Password is too common; choose one others would not guess');
  }
  const lower = password.toLowerCase();
  if (personalParts(owner.name, owner.email).some((part) => lower.includes(part))) {
    refuse(SocialReason.PasswordPersonal, 'Password must not contain your name or email');
  }
}

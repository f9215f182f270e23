import { randomBytes } from 'node:crypto';

/** A 32-character lower-case hex id, the shape of the service's ids. */
export function newId(): string {
  return randomBytes(16).toString('hex');
}

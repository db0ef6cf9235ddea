// What the content script expects of the lazily loaded rules (lib/checks/module.ts). Kept apart
// from that module so that checking its shape does not bundle it into the content script.
import type * as Checks from './module';

export type ChecksModule = Pick<typeof Checks, 'checkInvitation' | 'defaultPolicyValues' | 'indexFor' | 'isPolicyShape'>;

/** Where the build puts the rules, inside the extension. */
export const CHECKS_FILE = '/content-scripts/checks.js';

const EXPORTS: readonly (keyof ChecksModule)[] = ['checkInvitation', 'defaultPolicyValues', 'indexFor', 'isPolicyShape'];

/** Whether an imported module is the rules (a file from another build of the extension is not). */
export function isChecksModule(value: unknown): value is ChecksModule {
  if (typeof value !== 'object' || value === null) return false;
  return EXPORTS.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');
}

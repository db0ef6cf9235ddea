// What the sidebar expects of the rules it imports beside its first draw (lib/checks/module.ts).
// Kept apart from that module so that checking its shape does not bundle it in.
import type * as Checks from './module';

export type ChecksModule = Pick<typeof Checks, 'checkInvitation' | 'defaultPolicyValues' | 'indexFor' | 'isPolicyShape'>;

const EXPORTS: readonly (keyof ChecksModule)[] = ['checkInvitation', 'defaultPolicyValues', 'indexFor', 'isPolicyShape'];

/** Whether an imported module is the rules (a file from another build of the extension is not). */
export function isChecksModule(value: unknown): value is ChecksModule {
  if (typeof value !== 'object' || value === null) return false;
  return EXPORTS.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');
}

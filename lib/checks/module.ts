// The rules as the sidebar's frame loads them: a chunk of their own, imported beside its first draw,
// so the folded tab shows before they are in. `module-shape.ts` says what the sidebar expects of it.
export { checkInvitation } from './invitation';
export { indexFor } from './index';
export { defaultPolicyValues, isPolicyShape } from '../policy-rules';

// The rules as the content script loads them: a file of their own (content-scripts/checks.js,
// built by wxt.config.ts), imported when the sidebar first appears on Users & Teams. The content
// script itself runs on every Mixpanel page; only this view needs the rules, the policy's defaults
// and the member index. `module-shape.ts` says what the content script expects of it.
export { checkInvitation } from './invitation';
export { indexFor } from './index';
export { defaultPolicyValues, isPolicyShape } from '../policy-rules';

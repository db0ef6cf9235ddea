// The popup's entry. It asks the background for the first screen, then loads the popup itself: the
// popup's code (Preact, zod and the schemas) takes 100-200 ms to load and run on a busy 2-core
// machine, and the background works out the first screen meanwhile. Nothing else is imported here,
// so that this runs before any of that is loaded.
import { browser } from 'wxt/browser';

/** Items per section on the first screen: more than the popup's 600 px show before scrolling. */
const FIRST_SCREEN = 10;

const firstScreen: Promise<unknown> = browser.runtime
  .sendMessage({ json: JSON.stringify({ type: 'access-overview', limit: FIRST_SCREEN }) })
  // Unreachable, or an unreadable answer: the popup shows the full list once it has it.
  .catch(() => null);

void import('./app').then(({ mountPopup }) => mountPopup(firstScreen));

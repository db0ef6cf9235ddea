// The popup's entry. It asks the background for the first screen, then loads the popup itself: the
// popup's code (Preact, zod and the schemas) takes 100-200 ms to load and run on a busy 2-core
// machine, and the background works out the first screen meanwhile. Only the small messaging
// module is imported here, so that this runs before any of that is loaded.
import { sendToBackground } from '../../components/messaging';

/** Items per section on the first screen: more than the popup's 600 px show before scrolling. */
const FIRST_SCREEN = 10;

const firstScreen = sendToBackground({ type: 'access-overview', limit: FIRST_SCREEN });

void import('./app').then(({ mountPopup }) => mountPopup(firstScreen));

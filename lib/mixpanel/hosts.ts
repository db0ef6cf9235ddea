// Mixpanel's data-residency regions: the only pages Invite Guard runs on.
import { REGION_HOSTS } from './selectors';
import type { MixpanelRegion } from './region';

/** Content-script match patterns: each region's own host. */
export const MIXPANEL_MATCHES = Object.values(REGION_HOSTS).map((hosts) => `https://${hosts[0]}/*`);

/** Organization Settings → Users & Teams in a region. */
export function membersPageUrl(region: MixpanelRegion): string {
  return `https://${REGION_HOSTS[region][0]}/settings/org#users`;
}

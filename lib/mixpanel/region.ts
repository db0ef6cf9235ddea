// Mixpanel's data-residency regions, by host.
import { REGION_HOSTS } from './selectors';

export type MixpanelRegion = keyof typeof REGION_HOSTS;

/** 'us' for mixpanel.com, 'eu' for eu.mixpanel.com, 'in' for in.mixpanel.com; null for anything else. */
export function regionOf(hostname: string): MixpanelRegion | null {
  const host = String(hostname ?? '').trim().toLowerCase().replace(/\.$/, '');
  for (const region of Object.keys(REGION_HOSTS) as MixpanelRegion[]) {
    if ((REGION_HOSTS[region] as readonly string[]).includes(host)) return region;
  }
  return null;
}

// Mixpanel's data-residency regions: the only pages Invite Guard runs on.
export const MIXPANEL_HOSTS = ['mixpanel.com', 'eu.mixpanel.com', 'in.mixpanel.com'] as const;

export const MIXPANEL_MATCHES = MIXPANEL_HOSTS.map((host) => `https://${host}/*`);

import { defineConfig } from 'wxt';

// Mixpanel's three data-residency regions. The content script, and nothing else, runs there.
export const MIXPANEL_MATCHES = [
  'https://mixpanel.com/*',
  'https://eu.mixpanel.com/*',
  'https://in.mixpanel.com/*',
];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    // Preact's automatic JSX runtime; esbuild reads the same settings from tsconfig.json.
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  }),
  manifest: {
    name: 'Invite Guard for Mixpanel',
    description:
      'Checks Mixpanel invitations against your access policy, keeps the justification, and reminds you before access expires.',
    permissions: [],
    host_permissions: MIXPANEL_MATCHES,
    browser_specific_settings: {
      gecko: { id: 'invite-guard@invite-guard.dev', strict_min_version: '115.0' },
    },
  },
});

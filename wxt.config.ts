import { defineConfig } from 'wxt';
import { MIXPANEL_MATCHES } from './lib/mixpanel/hosts';
import { SIDEBAR_PAGE } from './lib/sidebar-link';

export default defineConfig({
  // A separate output folder lets two builds (a bench and a test run, say) work side by side.
  outDir: process.env.INVITE_GUARD_OUT_DIR || '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    // Preact's automatic JSX runtime; esbuild reads the same settings from tsconfig.json.
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  }),
  hooks: {
    // The content script runs on every visit to the Members page, so it carries no polyfill: Chrome's
    // MV3 `chrome.*` and Firefox's `browser.*` both return promises for the few calls it makes
    // (runtime.sendMessage, storage.onChanged). The background, popup and options keep the polyfill.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.some((entry) => entry.type === 'content-script')) return;
      const alias = config.resolve?.alias as Record<string, string> | undefined;
      if (alias?.['wxt/browser'] !== '@wxt-dev/webextension-polyfill/browser') {
        throw new Error('The webextension-polyfill module no longer aliases wxt/browser the way this hook expects');
      }
      alias['wxt/browser'] = '@wxt-dev/browser';
    },
  },
  manifest: ({ browser }) => ({
    name: 'Invite Guard for Mixpanel',
    description:
      'Checks Mixpanel invitations against your access policy, keeps the justification, and reminds you before access expires.',
    // Content scripts on Mixpanel's hosts need no host permission. alarms: the reminder sweep;
    // notifications: the reminders themselves; storage: the policy (and IT's managed policy).
    permissions: ['alarms', 'notifications', 'storage'],
    // Extension pages run only their own packaged scripts: no eval, no inline or remote code, no plugins.
    // WXT writes this object as MV2's string form for Firefox.
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" },
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
    action: { default_title: 'Invite Guard' },
    // The sidebar's frame, which the content script puts on Mixpanel's pages alone. A dynamic URL in
    // Chrome: a page can't learn it from another page, so it can't tell the extension is installed.
    web_accessible_resources: [{ resources: [SIDEBAR_PAGE.slice(1)], matches: MIXPANEL_MATCHES, use_dynamic_url: true }],
    browser_specific_settings: {
      gecko: {
        id: 'invite-guard@invite-guard.dev',
        strict_min_version: '115.0',
        // Nothing is collected or sent anywhere: records stay in the browser until the admin exports them.
        data_collection_permissions: { required: ['none'] },
      },
    },
  }),
});

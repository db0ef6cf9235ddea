import { defineConfig } from 'wxt';

export default defineConfig({
  // A separate output folder lets two builds (a bench and a test run, say) work side by side.
  outDir: process.env.INVITE_GUARD_OUT_DIR || '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    // Preact's automatic JSX runtime; esbuild reads the same settings from tsconfig.json.
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  }),
  manifest: ({ browser }) => ({
    name: 'Invite Guard for Mixpanel',
    description:
      'Checks Mixpanel invitations against your access policy, keeps the justification, and reminds you before access expires.',
    // Content scripts on Mixpanel's hosts need no host permission. alarms: the reminder sweep;
    // notifications: the reminders themselves; storage: the policy (and IT's managed policy).
    permissions: ['alarms', 'notifications', 'storage'],
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
    action: { default_title: 'Invite Guard' },
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

// The colour tokens, light and dark, meet WCAG contrast for every pairing the stylesheets use:
// axe cannot judge text it finds partly covered (the sidebar's sticky header), this can.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(resolve(import.meta.dirname, '../../components/tokens.css'), 'utf8');

function tokens(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/--ig-([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!]));
}

const [lightBlock, darkBlock] = css.split('@media (prefers-color-scheme: dark)');
const light = tokens(lightBlock!);
const THEMES = { light, dark: { ...light, ...tokens(darkBlock!) } };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

// [foreground, background] as the stylesheets pair them (sidebar.css, popup.css, options.css).
const TEXT_PAIRS: [string, string][] = [
  ['text', 'bg'], ['text', 'panel'], ['muted', 'bg'], ['muted', 'panel'],
  // a finding's fix, in muted text, on its severity's background
  ['muted', 'block-bg'], ['muted', 'warn-bg'], ['muted', 'info-bg'], ['text', 'block-bg'], ['text', 'warn-bg'], ['text', 'info-bg'], ['text', 'clear-bg'],
  // status lines and badges on their tinted backgrounds
  ['block', 'block-bg'], ['warn', 'warn-bg'], ['clear', 'clear-bg'],
  // severity badges and the danger button: the page colour on the severity colour
  ['bg', 'block'], ['bg', 'warn'], ['bg', 'info'],
  // primary buttons, links, "all clear", errors on the page
  ['accent-text', 'accent'], ['accent', 'bg'], ['clear', 'bg'], ['block', 'bg'], ['warn', 'bg'], ['block', 'panel'],
];
// Not text, but what identifies a control or shows focus: 3:1 (WCAG 1.4.11).
const UI_PAIRS: [string, string][] = [['control-border', 'bg'], ['control-border', 'panel'], ['focus', 'bg'], ['focus', 'panel']];

describe.each(Object.entries(THEMES))('the %s colour tokens', (_name, theme) => {
  const ratio = (fg: string, bg: string) => {
    expect(theme[fg], `--ig-${fg}`).toMatch(/^#/);
    expect(theme[bg], `--ig-${bg}`).toMatch(/^#/);
    return contrast(theme[fg]!, theme[bg]!);
  };

  it.each(TEXT_PAIRS)('%s on %s reaches 4.5:1', (fg, bg) => {
    expect(ratio(fg, bg)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(UI_PAIRS)('%s on %s reaches 3:1', (fg, bg) => {
    expect(ratio(fg, bg)).toBeGreaterThanOrEqual(3);
  });
});

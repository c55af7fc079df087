import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isThemeFile, themeCss, themeHtmlAttributes } from './theme-tokens';

describe('the design tokens a frame gets from view.theme.enable()', () => {
  it('scopes each colour theme to the attributes Atlassian sets on <html>', () => {
    const dark = themeHtmlAttributes('dark');
    expect(dark['data-color-mode']).toBe('dark');
    expect(dark['data-theme']).toContain('dark:dark');
    expect(themeCss('atlassian-dark')).toContain('html[data-color-mode="dark"][data-theme~="dark:dark"]');
    expect(themeCss('atlassian-light')).toContain('html[data-color-mode="light"][data-theme~="light:light"]');
    expect(isThemeFile('atlassian-dark')).toBe(true);
    expect(isThemeFile('../../etc/passwd')).toBe(false);
  });

  it('defines, in light and in dark, every --ds-* token the apps use (static/shared/tokens.css)', () => {
    const used = new Set(readFileSync(path.join(__dirname, '..', '..', 'static', 'shared', 'tokens.css'), 'utf8').match(/--ds-[a-z-]+/g));
    const defined = (css: string) => new Set([...css.matchAll(/(--ds-[a-z-]+):/g)].map((m) => m[1]));
    const light = defined(themeCss('atlassian-light') + themeCss('atlassian-spacing'));
    const dark = defined(themeCss('atlassian-dark') + themeCss('atlassian-spacing'));
    expect(used.size).toBeGreaterThan(20);
    // The radius is a shape token, not a colour: the fallback serves where no shape theme is loaded.
    const colours = [...used].filter((t) => t !== '--ds-border-radius');
    expect(colours.filter((t) => !light.has(t))).toEqual([]);
    expect(colours.filter((t) => !dark.has(t))).toEqual([]);
  });
});

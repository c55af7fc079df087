/**
 * The design-token CSS Forge loads into a Custom UI frame after `view.theme.enable()`: Atlassian's own theme
 * files from `@atlaskit/tokens`, the copy that `@forge/bridge` itself depends on (so the values are the ones
 * the bridge's types name). Each file scopes its `--ds-*` values to `html[data-color-mode][data-theme~=…]`,
 * so a frame may load both colour themes and switch by attribute, as `@atlaskit/tokens`' setGlobalTheme does.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

/** The themes of the default theme state: light and dark colours and the spacing tokens. */
export const THEME_FILES = ['atlassian-light', 'atlassian-dark', 'atlassian-spacing'] as const;
export type ThemeFile = (typeof THEME_FILES)[number];
export type ColorMode = 'light' | 'dark';

const cache = new Map<ThemeFile, string>();

function tokensDir(): string {
  const fromBridge = createRequire(require.resolve('@forge/bridge'));
  return path.dirname(fromBridge.resolve('@atlaskit/tokens/package.json'));
}

/** The attributes `@atlaskit/tokens` puts on <html> for the default theme state in a colour mode. */
export function themeHtmlAttributes(colorMode: ColorMode): Record<string, string> {
  const module = createRequire(__filename)(path.join(tokensDir(), 'dist', 'cjs', 'get-theme-html-attrs.js')) as {
    default: (state: { colorMode: ColorMode }) => Record<string, string>;
  };
  return module.default({ colorMode });
}

export function isThemeFile(name: string): name is ThemeFile {
  return (THEME_FILES as readonly string[]).includes(name);
}

/** The CSS of one theme file (the package ships each as a JS module exporting the stylesheet). */
export function themeCss(name: ThemeFile): string {
  let css = cache.get(name);
  if (css === undefined) {
    const required = createRequire(__filename)(path.join(tokensDir(), 'dist', 'cjs', 'artifacts', 'themes', `${name}.js`)) as {
      default?: unknown;
    };
    if (typeof required.default !== 'string') throw new Error(`@atlaskit/tokens: ${name} has no stylesheet`);
    css = required.default;
    cache.set(name, css);
  }
  return css;
}

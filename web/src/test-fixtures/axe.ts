import axe from 'axe-core';

/**
 * The axe rules that fail on the rendered page, by id (empty when it passes). Colour contrast
 * needs a real browser's layout and is left to the browser suite; every other WCAG 2.1 A/AA
 * rule runs here on jsdom.
 */
export async function axeViolations(root: Element = document.body): Promise<string[]> {
  const results = await axe.run(root, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    rules: { 'color-contrast': { enabled: false } },
  });
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

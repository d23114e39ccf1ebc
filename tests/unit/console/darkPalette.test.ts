// The dark theme keeps every colour's contrast: a colour is as far from the dark surface (what white
// becomes) as it is from white in the light theme, so any text/background pair that passes WCAG in
// light passes in dark too. This reads the generated app/darkPalette.css, so a hand edit or a stale
// file after a Tailwind upgrade fails here.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { contrast, luminance, parseOklch } from "@/scripts/colour";

const css = readFileSync("app/darkPalette.css", "utf8");
const pairs = [...css.matchAll(/--color-([a-z]+-\d+): light-dark\((oklch\([^)]*\)), (oklch\([^)]*\))\);/g)].map(([, name, light, dark]) => ({
  name: name!,
  light: luminance(parseOklch(light!)),
  dark: luminance(parseOklch(dark!)),
}));
const surface = luminance(parseOklch(/--color-white: light-dark\(#fff, (oklch\([^)]*\))\)/.exec(css)![1]!));
const tailwind = readFileSync("node_modules/tailwindcss/theme.css", "utf8");

describe("the dark palette", () => {
  it("has a dark value for every colour of Tailwind's palette, with the light value unchanged", () => {
    const palette = [...tailwind.matchAll(/--color-([a-z]+-\d+): (oklch\([^)]*\));/g)];
    expect(pairs.map((p) => p.name)).toEqual(palette.map(([, name]) => name));
    for (const [, name, value] of palette) expect(css).toContain(`--color-${name}: light-dark(${value}, `);
  });

  it("keeps each colour's contrast against the page surface (to 3%), or is white where dark cannot reach it", () => {
    const reachable = contrast(1, surface);
    for (const { name, light, dark } of pairs) {
      if (name === "slate-50") continue; // the page behind the panels: darker than them on purpose
      const wanted = contrast(light, 1);
      const got = contrast(dark, surface);
      if (wanted >= reachable) expect(dark, name).toBeGreaterThan(0.99);
      else expect(Math.abs(got - wanted) / wanted, `${name}: ${wanted.toFixed(2)} in light, ${got.toFixed(2)} in dark`).toBeLessThan(0.03);
    }
  });

  it("makes the page darker than the panels, and panel text as readable as in light", () => {
    const page = pairs.find((p) => p.name === "slate-50")!;
    expect(page.dark).toBeLessThan(surface);
    const body = pairs.find((p) => p.name === "slate-900")!;
    expect(contrast(body.dark, page.dark)).toBeGreaterThanOrEqual(contrast(body.light, page.light) * 0.97);
    const muted = pairs.find((p) => p.name === "slate-500")!;
    expect(contrast(muted.dark, surface)).toBeGreaterThanOrEqual(4.5);
  });
});

// Colour arithmetic for the theme: OKLCH (Tailwind's palette) to sRGB, and WCAG luminance and
// contrast. Used by scripts/dark-palette.ts and by the test that checks what it wrote.

export type Oklch = { l: number; c: number; h: number };

/** OKLCH → linear-light sRGB (Björn Ottosson's matrices). */
export function linearSrgb({ l, c, h }: Oklch): [number, number, number] {
  const a = c * Math.cos((h * Math.PI) / 180);
  const b = c * Math.sin((h * Math.PI) / 180);
  const l_ = (l + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m_ = (l - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s_ = (l - 0.0894841775 * a - 1.291485548 * b) ** 3;
  return [
    4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
    -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
    -0.0041960863 * l_ - 0.7034186147 * m_ + 1.707614701 * s_,
  ];
}

export const inGamut = (color: Oklch) => linearSrgb(color).every((v) => v >= -1e-4 && v <= 1 + 1e-4);

/** WCAG relative luminance (the sRGB channels clamped, as a browser paints them). */
export function luminance(color: Oklch): number {
  const [r, g, b] = linearSrgb(color).map((v) => Math.min(1, Math.max(0, v))) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export const parseOklch = (value: string): Oklch => {
  // Greys are written with "none" for their (absent) hue.
  const match = /oklch\(([\d.]+)% ([\d.]+) ([\d.]+|none)\)/.exec(value);
  if (!match) throw new Error(`not an oklch() colour: ${value}`);
  return { l: Number(match[1]) / 100, c: Number(match[2]), h: match[3] === "none" ? 0 : Number(match[3]) };
};
export const cssOklch = ({ l, c, h }: Oklch) => `oklch(${(l * 100).toFixed(1)}% ${c.toFixed(3)} ${h.toFixed(1)})`;


/** The WCAG contrast ratio of two luminances (1 to 21). */
export function contrast(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

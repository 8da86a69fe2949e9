#!/usr/bin/env node
'use strict';
/*
 * Draws the Teams app icons and writes them next to this script:
 *   color.png   192x192  white "two speech bubbles" glyph on a teal rounded square
 *   outline.png  32x32   the same glyph, white (#FFFFFF) on a fully transparent background
 *
 * Plain Node, no dependencies: shapes are signed distance functions, each pixel is
 * supersampled for anti-aliasing, and the PNG is written with node:zlib.
 * Run: node manifest/make-icons.js
 */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const TEAL = [0x0b, 0x6e, 0x74]; // keep in step with accentColor in manifest.template.json
const WHITE = [0xff, 0xff, 0xff];
const SUBSAMPLES = 8; // per axis

// ---------- geometry (signed distance: < 0 inside, > 0 outside) ----------

function roundedRect(x0, y0, x1, y1, r) {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r;
  const hy = (y1 - y0) / 2 - r;
  return (x, y) => {
    const qx = Math.abs(x - cx) - hx;
    const qy = Math.abs(y - cy) - hy;
    const ox = Math.max(qx, 0);
    const oy = Math.max(qy, 0);
    return Math.hypot(ox, oy) + Math.min(Math.max(qx, qy), 0) - r;
  };
}

function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function triangle(a, b, c) {
  const sign = (x, y, q, r) => (x - r[0]) * (q[1] - r[1]) - (q[0] - r[0]) * (y - r[1]);
  return (x, y) => {
    const d = Math.min(
      segmentDistance(x, y, a[0], a[1], b[0], b[1]),
      segmentDistance(x, y, b[0], b[1], c[0], c[1]),
      segmentDistance(x, y, c[0], c[1], a[0], a[1]),
    );
    const s1 = sign(x, y, a, b);
    const s2 = sign(x, y, b, c);
    const s3 = sign(x, y, c, a);
    const inside = !((s1 < 0 || s2 < 0 || s3 < 0) && (s1 > 0 || s2 > 0 || s3 > 0));
    return inside ? -d : d;
  };
}

function circle(cx, cy, r) {
  return (x, y) => Math.hypot(x - cx, y - cy) - r;
}

const union = (...shapes) => (x, y) => Math.min(...shapes.map((s) => s(x, y)));

// The glyph, in a unit box [0,1]x[0,1]: a speech bubble at the back (top left) and one in
// front (bottom right) with three dots; a thin gap separates the front bubble from the back one.
const backBubble = union(
  roundedRect(0.0, 0.04, 0.66, 0.52, 0.15),
  triangle([0.1, 0.44], [0.3, 0.44], [0.06, 0.68]),
);
const frontBubble = union(
  roundedRect(0.3, 0.34, 1.0, 0.82, 0.15),
  triangle([0.68, 0.74], [0.9, 0.74], [0.95, 0.98]),
);
const GAP = 0.065;
const dots = union(circle(0.47, 0.58, 0.062), circle(0.65, 0.58, 0.062), circle(0.83, 0.58, 0.062));

/** true when the unit-box point is painted white by the glyph */
function glyphAt(x, y) {
  if (frontBubble(x, y) <= 0) return dots(x, y) > 0;
  if (frontBubble(x, y) <= GAP) return false;
  return backBubble(x, y) <= 0;
}

// ---------- rasterising ----------

/**
 * @param size      icon size in pixels
 * @param glyphBox  [left, top, side] of the glyph's unit box, in pixels
 * @param background null for transparent, else { rgb, shape(x, y) in pixel units }
 */
function render(size, glyphBox, background) {
  const [gx, gy, gs] = glyphBox;
  const rgba = Buffer.alloc(size * size * 4);
  const n = SUBSAMPLES * SUBSAMPLES;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let white = 0;
      let bg = 0;
      for (let sy = 0; sy < SUBSAMPLES; sy++) {
        for (let sx = 0; sx < SUBSAMPLES; sx++) {
          const x = px + (sx + 0.5) / SUBSAMPLES;
          const y = py + (sy + 0.5) / SUBSAMPLES;
          if (glyphAt((x - gx) / gs, (y - gy) / gs)) white++;
          else if (background && background.shape(x, y) <= 0) bg++;
        }
      }
      const alpha = (white + bg) / n;
      const i = (py * size + px) * 4;
      if (alpha === 0) continue; // fully transparent, RGB 0
      // colour = coverage-weighted mix of white and background (premultiplied / alpha)
      const rgb = background
        ? WHITE.map((w, k) => Math.round((w * white + background.rgb[k] * bg) / (white + bg)))
        : WHITE;
      rgba[i] = rgb[0];
      rgba[i + 1] = rgb[1];
      rgba[i + 2] = rgb[2];
      rgba[i + 3] = Math.round(alpha * 255);
    }
  }
  return rgba;
}

// ---------- PNG ----------

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------- the two icons ----------

function main() {
  const colorSize = 192;
  const color = render(colorSize, [40, 42, 112], {
    rgb: TEAL,
    shape: roundedRect(0, 0, colorSize, colorSize, 40),
  });
  const outlineSize = 32;
  const outline = render(outlineSize, [1, 1, 30], null);
  const out = [
    ['color.png', encodePng(colorSize, color)],
    ['outline.png', encodePng(outlineSize, outline)],
  ];
  for (const [name, png] of out) {
    const file = path.join(__dirname, name);
    fs.writeFileSync(file, png);
    console.log(`wrote ${file} (${png.length} bytes)`);
  }
}

main();

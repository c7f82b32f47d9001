// web/shared's plain modules under Node: the label list and the palette agree, and the letterbox
// and box mapping that the page and the widget both draw with.
import test from 'node:test';
import assert from 'node:assert/strict';
import { EMOTIONS, PALETTE, PLOT_ORDER, emotionCss, labelText } from '../../web/shared/emotions.js';
import { letterbox, mapBox } from '../../web/shared/geometry.js';

test('every emotion has one colour, the plots plot each emotion once, and the colours differ', () => {
  assert.deepEqual(Object.keys(PALETTE).sort(), [...EMOTIONS].sort());
  assert.deepEqual([...PLOT_ORDER].sort(), [...EMOTIONS].sort());
  assert.equal(new Set(Object.values(PALETTE).map(String)).size, EMOTIONS.length);
  for (const rgb of Object.values(PALETTE)) assert.ok(rgb.length === 3 && rgb.every((v) => Number.isInteger(v) && v >= 0 && v <= 255), String(rgb));
  assert.equal(emotionCss('happy'), `rgb(${PALETTE.happy.join(', ')})`);
  assert.equal(emotionCss('bored'), 'rgb(255, 255, 255)');
  assert.equal(labelText({ label: 'sad', confidence: 0.625 }), 'sad 63%');
});

test('letterbox centres a picture in an area at the largest scale that fits', () => {
  // 640x360 into 600x700 at (10, 20): width-bound, scale 600/640, centred vertically.
  const placed = letterbox(640, 360, { x: 10, y: 20, width: 600, height: 700 });
  assert.equal(placed.scale, 600 / 640);
  assert.deepEqual([placed.x, placed.width, placed.height], [10, 600, 337.5]);
  assert.equal(placed.y, 20 + (700 - 337.5) / 2);
  // 100x400 into 400x200: height-bound, centred horizontally.
  assert.deepEqual(letterbox(100, 400, { x: 0, y: 0, width: 400, height: 200 }), { x: 175, y: 0, width: 50, height: 200, scale: 0.5 });
});

test('mapBox scales a box through the letterbox and mirrors it for a front camera', () => {
  const placed = { x: 10, y: 20, width: 320, height: 180, scale: 0.5 };
  const box = { x: 100, y: 40, width: 60, height: 80 };
  assert.deepEqual(mapBox(box, placed, 640, false), { x: 60, y: 40, width: 30, height: 40 });
  // Mirrored, the box's left edge is at 640 - (100 + 60) = 480 image pixels from the left.
  assert.deepEqual(mapBox(box, placed, 640, true), { x: 250, y: 40, width: 30, height: 40 });
});

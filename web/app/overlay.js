// Where the image (camera frame or photo) sits, letterboxed into an area (ImageRenderer draws it
// there, through web/shared/geometry.js), and per face a box, a label chip and a 7-bar chart of
// its probabilities, drawn with Dear ImGui over the image.
// Text is placed with TextColored (jsimgui 0.14's ImDrawList.AddText draws nothing); chip
// backgrounds go to a draw-list channel below the text so they can be sized from the drawn text.
import { ImGui, ImVec2, ImVec4 } from '../vendor/jsimgui/mod.js';
import { EMOTIONS, labelText } from '../shared/emotions.js';
import { mapBox } from '../shared/geometry.js';
import { emotionU32, packColour } from './palette.js';

const SHORT_NAMES = { angry: 'ang', disgust: 'dis', fear: 'fea', happy: 'hap', sad: 'sad', surprise: 'sur', neutral: 'neu' };
const CHIP_BACKGROUND = packColour(0.05, 0.06, 0.08, 0.78);
const BAR_TRACK = packColour(1, 1, 1, 0.12);
const TEXT_WHITE = new ImVec4(0.96, 0.96, 0.96, 1);
const TEXT_MUTED = new ImVec4(0.8, 0.82, 0.86, 1);

function text(x, y, colour, value) {
  ImGui.SetCursorScreenPos(new ImVec2(x, y));
  ImGui.TextColored(colour, value);
  return ImGui.GetItemRectSize().x;
}

/** The chart: one row per emotion, short name then a bar; returns its size for placement. */
function chartSize(fontSize) {
  const row = Math.round(fontSize * 1.05);
  return { row, width: Math.round(fontSize * 7.2), height: row * EMOTIONS.length + 8 };
}

function drawChart(drawList, face, x, y, fontSize, font) {
  const { row, width, height } = chartSize(fontSize);
  drawList.ChannelsSetCurrent(0);
  drawList.AddRectFilled(new ImVec2(x, y), new ImVec2(x + width, y + height), CHIP_BACKGROUND, 4);
  const nameWidth = fontSize * 2.0;
  const barX = x + 6 + nameWidth;
  const barWidth = width - 12 - nameWidth;
  EMOTIONS.forEach((emotion, i) => {
    const top = y + 4 + i * row;
    const p = face.probabilities[emotion] ?? 0;
    drawList.ChannelsSetCurrent(0);
    drawList.AddRectFilled(new ImVec2(barX, top + row * 0.2), new ImVec2(barX + barWidth, top + row * 0.8), BAR_TRACK, 2);
    drawList.AddRectFilled(new ImVec2(barX, top + row * 0.2), new ImVec2(barX + barWidth * p, top + row * 0.8),
      emotionU32(emotion, emotion === face.label ? 1 : 0.75), 2);
    drawList.ChannelsSetCurrent(1);
    ImGui.PushFontFloat(font, fontSize * 0.8);
    text(x + 5, top + (row - fontSize * 0.8) / 2, emotion === face.label ? TEXT_WHITE : TEXT_MUTED, SHORT_NAMES[emotion]);
    ImGui.PopFont();
  });
}

/** The label chip: above the box, or inside its top edge when the box touches the top. */
function chipPlace(box, face, fontSize, bounds) {
  const value = `${face.id} · ${labelText(face)}`;
  const width = value.length * fontSize * 0.55 + 10;  // the default font is monospaced
  const height = fontSize + 6;
  const y = box.y - height - 2 >= bounds.y ? box.y - height - 2 : box.y + 2;
  const x = Math.max(bounds.x, Math.min(box.x, bounds.x + bounds.width - width));
  return { x, y, width, height, text: value };
}

function overlaps(a, b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Beside the box (right, left, below, above), inside bounds, clear of taken; null if nowhere. */
function chartSpot(box, size, bounds, taken) {
  const clampY = (y) => Math.max(bounds.y, Math.min(y, bounds.y + bounds.height - size.height));
  const clampX = (x) => Math.max(bounds.x, Math.min(x, bounds.x + bounds.width - size.width));
  const candidates = [
    { x: box.x + box.width + 6, y: clampY(box.y) },
    { x: box.x - size.width - 6, y: clampY(box.y) },
    { x: clampX(box.x), y: box.y + box.height + 6 },
    { x: clampX(box.x), y: box.y - size.height - 6 },
  ].map((spot) => ({ ...spot, width: size.width, height: size.height }));
  const inside = (spot) => spot.x >= bounds.x && spot.y >= bounds.y &&
    spot.x + spot.width <= bounds.x + bounds.width && spot.y + spot.height <= bounds.y + bounds.height;
  return candidates.find((spot) => inside(spot) && !taken.some((other) => overlaps(spot, other))) ?? null;
}

/**
 * Draws the faces over an image placed by letterbox(). options: {boxes, charts, mirrored,
 * imageWidth, font, fontSize, bounds} (bounds: the screen rectangle labels must stay in).
 * Returns the faces' boxes on screen with their labels.
 */
export function drawFaces(faces, placed, options) {
  if (!faces?.length || (!options.boxes && !options.charts)) return [];
  const { font, fontSize, bounds } = options;
  const drawList = ImGui.GetWindowDrawList();
  const boxes = faces.map((face) => mapBox(face.box, placed, options.imageWidth, options.mirrored));
  const chips = options.boxes ? boxes.map((box, i) => chipPlace(box, faces[i], fontSize, bounds)) : [];
  const taken = [...boxes, ...chips];  // charts go where they cover no face, label or other chart
  drawList.ChannelsSplit(2);
  faces.forEach((face, index) => {
    const box = boxes[index];
    const colour = emotionU32(face.label);
    const thickness = Math.max(2, fontSize / 8);
    if (options.boxes) {
      drawList.ChannelsSetCurrent(0);
      drawList.AddRect(new ImVec2(box.x, box.y), new ImVec2(box.x + box.width, box.y + box.height), colour,
        fontSize / 4, face.predicted ? thickness * 0.6 : thickness);
      const chip = chips[index];
      drawList.ChannelsSetCurrent(1);
      const width = text(chip.x + 5, chip.y + 3, TEXT_WHITE, chip.text);
      drawList.ChannelsSetCurrent(0);
      drawList.AddRectFilled(new ImVec2(chip.x, chip.y), new ImVec2(chip.x + width + 10, chip.y + chip.height), CHIP_BACKGROUND, 4);
      drawList.AddRectFilled(new ImVec2(chip.x, chip.y + chip.height - 3), new ImVec2(chip.x + width + 10, chip.y + chip.height), colour);
    }
    if (options.charts) {
      const spot = chartSpot(box, chartSize(fontSize), bounds, taken);
      if (spot) {
        taken.push(spot);
        drawChart(drawList, face, spot.x, spot.y, fontSize, font);
      }
    }
  });
  drawList.ChannelsMerge();
  return boxes.map((box, i) => ({ ...box, label: faces[i].label }));
}


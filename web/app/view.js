// The page's layout (the big view beside or above a side column) and the big view itself: the
// camera frame or the selected photo, letterboxed, drawn by the image shader under what Dear ImGui
// renders at the end of the frame, with its faces drawn over it.
import { ImGui, ImGuiWindowFlags, ImVec2 } from '../vendor/jsimgui/mod.js';
import { letterbox } from '../shared/geometry.js';
import { drawFaces } from './overlay.js';

const BACKGROUND_WINDOW = ImGuiWindowFlags.NoDecoration | ImGuiWindowFlags.NoMove | ImGuiWindowFlags.NoBringToFrontOnFocus |
  ImGuiWindowFlags.NoSavedSettings | ImGuiWindowFlags.NoScrollWithMouse | ImGuiWindowFlags.NoBackground;

/** Font size and window rectangles for a viewport: the view left (or top), a side column right (or below). */
export function layout(width, height) {
  const fontSize = Math.min(22, Math.max(13, Math.round(Math.min(width, height) / 48)));
  if (width >= 760) {
    const side = Math.min(620, Math.max(330, Math.round(width * 0.4)));
    return { fontSize, view: { x: 0, y: 0, width: width - side, height }, side: { x: width - side, y: 0, width: side, height } };
  }
  const top = Math.round(height * 0.5);
  return { fontSize, view: { x: 0, y: 0, width, height: top }, side: { x: 0, y: top, width, height: height - top } };
}

/**
 * Draws the view in `area`. picture: null (nothing to show) or {texture, width, height (the
 * picture's size, which a downscaled photo's texture is not), mirrored, faces (null: no result
 * yet), imageWidth (the width of the pixels the faces' boxes are in)}; images: the ImageRenderer;
 * overlay: {boxes, charts, font, fontSize}. Returns {placed: the image's rect or null, boxes: the
 * faces' boxes on screen, or null when no faces were drawn}.
 */
export function drawView(area, picture, images, overlay) {
  ImGui.SetNextWindowPos(new ImVec2(area.x, area.y));
  ImGui.SetNextWindowSize(new ImVec2(area.width, area.height));
  ImGui.Begin('##view', null, BACKGROUND_WINDOW);
  let placed = null;
  let boxes = null;
  if (picture) {
    placed = letterbox(picture.width, picture.height, area);
    images.draw(picture.texture, placed, picture.mirrored, ImGui.GetIO().DisplayFramebufferScale);
    if (picture.faces) {
      boxes = drawFaces(picture.faces, placed, { ...overlay, mirrored: picture.mirrored, imageWidth: picture.imageWidth, bounds: placed });
    }
  }
  ImGui.End();
  return { placed, boxes };
}

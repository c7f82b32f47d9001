// The photo window: the photos analysed so far (errors in words) and the selected photo's faces as
// a table (the photo exports are in the panel).
import { ImGui, ImVec2, ImVec4, ImGuiCond, ImGuiTableFlags } from '../vendor/jsimgui/mod.js';
import { EMOTIONS } from '../shared/emotions.js';
import { EMOTION_COLOURS } from './palette.js';

const ERROR_COLOUR = new ImVec4(1.0, 0.55, 0.45, 1.0);
const MUTED_COLOUR = new ImVec4(0.7, 0.7, 0.75, 1.0);
const TABLE_FLAGS = ImGuiTableFlags.Resizable | ImGuiTableFlags.RowBg | ImGuiTableFlags.Borders |
  ImGuiTableFlags.SizingFixedFit | ImGuiTableFlags.ScrollX | ImGuiTableFlags.ScrollY;

function statusText(photo) {
  switch (photo.status) {
    case 'waiting': return 'waiting';
    case 'analysing': return 'analysing...';
    case 'done': return `${photo.result.faces.length} face${photo.result.faces.length === 1 ? '' : 's'} · ${photo.result.width}x${photo.result.height}`;
    default: return 'not analysed';
  }
}

function facesTable(photo, height) {
  const columns = ['face', 'label', 'conf.', 'box (x, y, w, h)', ...EMOTIONS];
  if (!ImGui.BeginTable('##faces', columns.length, TABLE_FLAGS, new ImVec2(0, height))) return;
  for (const column of columns) ImGui.TableSetupColumn(column);
  ImGui.TableHeadersRow();
  for (const face of photo.result.faces) {
    ImGui.TableNextRow();
    const { x, y, width, height: h } = face.box;
    const cells = [String(face.id), face.label, `${Math.round(face.confidence * 100)}%`,
      `${x.toFixed(0)}, ${y.toFixed(0)}, ${width.toFixed(0)}, ${h.toFixed(0)}`,
      ...EMOTIONS.map((emotion) => `${Math.round(face.probabilities[emotion] * 100)}%`)];
    cells.forEach((cell, i) => {
      ImGui.TableSetColumnIndex(i);
      if (i === 1) ImGui.TextColored(new ImVec4(...EMOTION_COLOURS[face.label]), cell);
      else ImGui.Text(cell);
    });
  }
  ImGui.EndTable();
}

/**
 * The window at rect. photos: a PhotoSession; actions: openPhotos, backToCamera, clearPhotos.
 */
export function drawPhotoPanel(photos, actions, rect) {
  ImGui.SetNextWindowPos(new ImVec2(rect.x, rect.y), ImGuiCond.Always);
  ImGui.SetNextWindowSize(new ImVec2(rect.width, rect.height), ImGuiCond.Always);
  ImGui.Begin('Photos');
  if (ImGui.Button('Back to camera')) actions.backToCamera();
  ImGui.SameLine();
  if (ImGui.Button('Open photos...')) actions.openPhotos();
  ImGui.SameLine();
  if (ImGui.Button('Clear')) actions.clearPhotos();
  ImGui.PushTextWrapPos(0);
  ImGui.TextColored(MUTED_COLOUR, 'Drop, paste or open JPEG/PNG photos; each is analysed on this device.');
  ImGui.PopTextWrapPos();
  ImGui.Separator();

  for (const photo of photos.photos) {
    if (ImGui.Selectable(`${photo.name}  -  ${statusText(photo)}##${photo.id}`, photo === photos.selected)) photos.select(photo);
    if (photo.error) {
      ImGui.PushTextWrapPos(0);
      ImGui.TextColored(ERROR_COLOUR, photo.error.message);
      ImGui.PopTextWrapPos();
    }
  }
  const selected = photos.selected;
  if (selected?.result) {
    ImGui.Separator();
    ImGui.Text(`${selected.name}: ${selected.result.faces.length} face${selected.result.faces.length === 1 ? '' : 's'}`);
    if (selected.result.faces.length) facesTable(selected, Math.max(120, ImGui.GetContentRegionAvail().y));
    else ImGui.TextColored(MUTED_COLOUR, 'No face was found in this photo.');
  }
  ImGui.End();
}

// A lost WebGL context: the browser may take it (GPU reset, too many contexts). The page stops
// drawing, waits for the browser to restore it, then rebuilds every GPU object: Dear ImGui's
// renderer here, the page's own (image shader, textures) through rebuild().
import { ImGuiImplOpenGL3 } from '../vendor/jsimgui/mod.js';

/**
 * onLost(): the context is gone (draw nothing); rebuild(): recreate the page's GPU objects, may
 * throw; onRestored(): drawing can go on; onFailed(error): rebuild() threw.
 */
export function handleContextLoss(canvas, { onLost, rebuild, onRestored, onFailed }) {
  canvas.addEventListener('webglcontextlost', (event) => {
    event.preventDefault();  // tells the browser the page wants the context back
    onLost();
  });
  canvas.addEventListener('webglcontextrestored', () => {
    ImGuiImplOpenGL3.Shutdown();
    ImGuiImplOpenGL3.Init();
    try {
      rebuild();
    } catch (error) {
      onFailed(error);
      return;
    }
    onRestored();
  });
}

#version 300 es
// A textured rectangle: the letterboxed camera frame or photo. No vertex buffer: the four corners
// of a triangle strip come from gl_VertexID, and the rectangle from u_rect, in device pixels with
// y down (as Dear ImGui and letterbox() place things), so the picture lands exactly where the
// face boxes are mapped.

uniform vec4 u_rect;      // x, y, width, height in device pixels, origin top left
uniform vec2 u_viewport;  // the drawing buffer's width and height in device pixels
uniform bool u_mirror;    // flip left and right (a front camera, shown as a mirror)

out vec2 v_uv;

void main() {
  vec2 corner = vec2(float(gl_VertexID & 1), float(gl_VertexID >> 1));  // (0,0) (1,0) (0,1) (1,1)
  vec2 pixel = u_rect.xy + corner * u_rect.zw;
  vec2 clip = pixel / u_viewport * 2.0 - 1.0;
  gl_Position = vec4(clip.x, -clip.y, 0.0, 1.0);
  // Row 0 of the texture is the image's top row (uploaded without UNPACK_FLIP_Y).
  v_uv = vec2(u_mirror ? 1.0 - corner.x : corner.x, corner.y);
}

#version 300 es
// The image's colour, opaque: the camera frame or photo under Dear ImGui's overlay and windows.
precision mediump float;

uniform sampler2D u_image;

in vec2 v_uv;
out vec4 outColour;

void main() {
  outColour = vec4(texture(u_image, v_uv).rgb, 1.0);
}

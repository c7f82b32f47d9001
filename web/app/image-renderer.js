// The picture of the big view (camera frame or photo) drawn with our own GLSL ES 3.0 program,
// shaders/image.vert + image.frag: a texture into the letterbox rectangle, mirrored for a front
// camera. It draws straight into the canvas before Dear ImGui renders its draw data, so the
// boxes, labels, charts and windows land on top of it.
//
//   const images = new ImageRenderer(gl, await loadImageShaders());  // throws with the GL log
//   images.clear();                                   // each frame, before anything is drawn
//   images.draw(texture, placed, mirrored, io.DisplayFramebufferScale);
//   images.restore();                                 // after webglcontextrestored

const SHADER_FILES = { vertex: 'image.vert', fragment: 'image.frag' };
const SHADER_DIR = new URL('../shaders/', import.meta.url);

/** The two sources, fetched once (a restored context is rebuilt from them, with no request). */
export async function loadImageShaders(dir = SHADER_DIR) {
  const load = async (name) => {
    let response;
    try {
      response = await fetch(new URL(name, dir));
    } catch (error) {
      throw new Error(`shaders/${name} could not be loaded (${error.message})`);
    }
    if (!response.ok) throw new Error(`shaders/${name} could not be loaded (HTTP ${response.status})`);
    return response.text();
  };
  const [vertex, fragment] = await Promise.all([load(SHADER_FILES.vertex), load(SHADER_FILES.fragment)]);
  return { vertex, fragment };
}

export class ImageRenderer {
  /** gl: the canvas' WebGL2 context (Dear ImGui's); sources: from loadImageShaders(). */
  constructor(gl, sources) {
    this.gl = gl;
    this.sources = sources;
    this.build();
  }

  /** Compiles and links the program and makes its VAO; throws with the driver's log on failure. */
  build() {
    const gl = this.gl;
    const vertex = this.compile(gl.VERTEX_SHADER, SHADER_FILES.vertex, this.sources.vertex);
    const fragment = this.compile(gl.FRAGMENT_SHADER, SHADER_FILES.fragment, this.sources.fragment);
    const program = gl.createProgram();
    gl.attachShader(program, vertex);
    gl.attachShader(program, fragment);
    gl.linkProgram(program);
    gl.deleteShader(vertex);
    gl.deleteShader(fragment);
    if (!gl.getProgramParameter(program, gl.LINK_STATUS)) {
      const log = gl.getProgramInfoLog(program)?.trim() || 'no log';
      gl.deleteProgram(program);
      throw new Error(`shaders/${SHADER_FILES.vertex} and ${SHADER_FILES.fragment} did not link: ${log}`);
    }
    this.program = program;
    this.uniforms = Object.fromEntries(['u_rect', 'u_viewport', 'u_mirror', 'u_image']
      .map((name) => [name, gl.getUniformLocation(program, name)]));
    this.vao = gl.createVertexArray();  // no attributes: the corners come from gl_VertexID
  }

  compile(type, name, source) {
    const gl = this.gl;
    const shader = gl.createShader(type);
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) {
      const log = gl.getShaderInfoLog(shader)?.trim() || 'no log';
      gl.deleteShader(shader);
      throw new Error(`shaders/${name} did not compile: ${log}`);
    }
    return shader;
  }

  /** After a lost context was restored: the old program and VAO are gone; build them again. */
  restore() {
    this.build();
  }

  /** Clears the whole canvas to transparent (the page's background shows around the picture). */
  clear() {
    const gl = this.gl;
    gl.disable(gl.SCISSOR_TEST);
    gl.viewport(0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight);
    gl.clearColor(0, 0, 0, 0);
    gl.clear(gl.COLOR_BUFFER_BIT);
  }

  /**
   * Draws texture (an ImageTexture) into rect ({x, y, width, height} in CSS pixels, from
   * letterbox()), mirrored or not; scale: CSS → device pixels ({x, y}: Dear ImGui's
   * DisplayFramebufferScale, so the picture and the overlay share one mapping).
   */
  draw(texture, rect, mirrored, scale) {
    const gl = this.gl;
    gl.viewport(0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight);
    gl.disable(gl.SCISSOR_TEST);
    gl.disable(gl.BLEND);
    gl.disable(gl.DEPTH_TEST);
    gl.disable(gl.CULL_FACE);
    gl.useProgram(this.program);
    gl.uniform4f(this.uniforms.u_rect, rect.x * scale.x, rect.y * scale.y, rect.width * scale.x, rect.height * scale.y);
    gl.uniform2f(this.uniforms.u_viewport, gl.drawingBufferWidth, gl.drawingBufferHeight);
    gl.uniform1i(this.uniforms.u_mirror, mirrored ? 1 : 0);
    gl.uniform1i(this.uniforms.u_image, 0);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, texture.texture);
    gl.bindVertexArray(this.vao);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
    // Dear ImGui's renderer sets what it needs, but leave no binding of ours behind.
    gl.bindVertexArray(null);
    gl.useProgram(null);
  }
}

#include "nn/native/xnnpack_engine.h"

#include <xnnpack.h>

#include <cmath>
#include <cstdint>

#include "nn/memory_plan.h"

namespace emolens::nn {

struct XnnpackEngine::State {
  Model model;
  pthreadpool_t pool = nullptr;
  std::vector<float> arena_storage;
  float* arena = nullptr;
  std::vector<size_t> offsets;
  std::vector<xnn_operator_t> operators;  // run in order; each already set up with its pointers
  std::vector<size_t> op_first;           // per model op, its first operator; one more entry at the end

  ~State() {
    for (xnn_operator_t op : operators) xnn_delete_operator(op);
    if (pool) pthreadpool_destroy(pool);
  }
  float* tensor(int id) { return arena + offsets[size_t(id)]; }
};

namespace {

const float kZero = 0.0f;

// Builds the XNNPACK operators of one op; every create/setup status is checked.
class OperatorBuilder {
 public:
  OperatorBuilder(XnnpackEngine::State& s, const Op& op, size_t index)
      : s_(s), op_(op), where_("xnnpack: ops[" + std::to_string(index) + "] (" + op_type_name(op.type) + ")") {}

  Status build() {
    const Shape& in = shape(op_.inputs[0]);
    const Shape& out = shape(op_.output);
    const size_t c_out = size_t(out.back()), c_in = size_t(in.back());
    const float* x = s_.tensor(op_.inputs[0]);
    float* y = s_.tensor(op_.output);
    float lo = -INFINITY, hi = INFINITY;
    Activation post = Activation::none;
    clamp_bounds(op_.activation, lo, hi, post);
    xnn_operator_t o = nullptr;
    Status st;
    switch (op_.type) {
      case OpType::conv2d:
      case OpType::depthwise_conv2d: {
        const bool dw = op_.type == OpType::depthwise_conv2d;
        st = add(xnn_create_convolution2d_nhwc_f32(
                     uint32_t(op_.pad_top), uint32_t(op_.pad_right), uint32_t(op_.pad_bottom), uint32_t(op_.pad_left),
                     uint32_t(op_.kernel_h), uint32_t(op_.kernel_w), uint32_t(op_.stride_h), uint32_t(op_.stride_w), 1, 1,
                     dw ? uint32_t(c_in) : 1, dw ? 1 : c_in, dw ? 1 : c_out, c_in, c_out, weight(op_.weight),
                     weight(op_.bias), lo, hi, dw ? XNN_FLAG_DEPTHWISE_CONVOLUTION : 0, &o),
                 o, "create");
        if (st.ok()) st = check(xnn_setup_convolution2d_nhwc_f32(o, size_t(in[0]), size_t(in[1]), size_t(in[2]), x, y, s_.pool));
        break;
      }
      case OpType::fully_connected: {
        const size_t ci = shape_elements(in) / size_t(in[0]);
        st = add(xnn_create_fully_connected_nc_f32(ci, c_out, ci, c_out, weight(op_.weight), weight(op_.bias), lo, hi, 0, &o), o, "create");
        if (st.ok()) st = check(xnn_setup_fully_connected_nc_f32(o, size_t(in[0]), x, y, s_.pool));
        break;
      }
      case OpType::max_pool2d:
        st = add(xnn_create_max_pooling2d_nhwc_f32(uint32_t(op_.pad_top), uint32_t(op_.pad_right), uint32_t(op_.pad_bottom),
                                                   uint32_t(op_.pad_left), uint32_t(op_.kernel_h), uint32_t(op_.kernel_w),
                                                   uint32_t(op_.stride_h), uint32_t(op_.stride_w), 1, 1, c_in, c_in, c_in,
                                                   -INFINITY, INFINITY, 0, &o),
                 o, "create");
        if (st.ok()) st = check(xnn_setup_max_pooling2d_nhwc_f32(o, size_t(in[0]), size_t(in[1]), size_t(in[2]), x, y, s_.pool));
        break;
      case OpType::avg_pool2d:
        st = add(xnn_create_average_pooling2d_nhwc_f32(uint32_t(op_.pad_top), uint32_t(op_.pad_right), uint32_t(op_.pad_bottom),
                                                       uint32_t(op_.pad_left), uint32_t(op_.kernel_h), uint32_t(op_.kernel_w),
                                                       uint32_t(op_.stride_h), uint32_t(op_.stride_w), c_in, c_in, c_in,
                                                       -INFINITY, INFINITY, 0, &o),
                 o, "create");
        if (st.ok()) st = check(xnn_setup_average_pooling2d_nhwc_f32(o, size_t(in[0]), size_t(in[1]), size_t(in[2]), x, y, s_.pool));
        break;
      case OpType::global_avg_pool:
        st = add(xnn_create_global_average_pooling_nwc_f32(c_in, c_in, c_in, -INFINITY, INFINITY, 0, &o), o, "create");
        if (st.ok()) st = check(xnn_setup_global_average_pooling_nwc_f32(o, size_t(in[0]), size_t(in[1]) * in[2], x, y, s_.pool));
        break;
      case OpType::pad_channels: {
        st = add(xnn_create_constant_pad_nd_x32(&kZero, 0, &o), o, "create");
        const size_t dims[2] = {shape_elements(in) / c_in, c_in}, pre[2] = {0, 0}, post_pad[2] = {0, size_t(op_.after)};
        if (st.ok()) st = check(xnn_setup_constant_pad_nd_x32(o, 2, dims, pre, post_pad, x, y, s_.pool));
        break;
      }
      case OpType::add: {
        st = add(xnn_create_add_nd_f32(lo, hi, 0, &o), o, "create");
        std::vector<size_t> dims(in.begin(), in.end());
        if (st.ok())
          st = check(xnn_setup_add_nd_f32(o, dims.size(), dims.data(), dims.size(), dims.data(), x, s_.tensor(op_.inputs[1]), y, s_.pool));
        break;
      }
      case OpType::relu:
      case OpType::relu6:
      case OpType::sigmoid:
      case OpType::prelu: {
        const Activation a = op_.type == OpType::relu ? Activation::relu
                             : op_.type == OpType::relu6 ? Activation::relu6
                             : op_.type == OpType::sigmoid ? Activation::sigmoid : Activation::prelu;
        clamp_bounds(a, lo, hi, post);
        if (post == Activation::none) {
          st = add(xnn_create_clamp_nc_f32(c_out, c_out, c_out, lo, hi, 0, &o), o, "create");
          if (st.ok()) st = check(xnn_setup_clamp_nc_f32(o, shape_elements(out) / c_out, x, y, s_.pool));
        } else {
          st = post_activation(post, x, y);
          post = Activation::none;
        }
        break;
      }
      case OpType::softmax:
        st = add(xnn_create_softmax_nc_f32(c_in, c_in, c_in, 0, &o), o, "create");
        if (st.ok()) st = check(xnn_setup_softmax_nc_f32(o, shape_elements(in) / c_in, x, y, s_.pool));
        break;
      case OpType::resize_bilinear: {
        const uint32_t flags = op_.align_corners ? XNN_FLAG_ALIGN_CORNERS
                               : op_.half_pixel_centers ? 0 : XNN_FLAG_TENSORFLOW_LEGACY_MODE;
        st = add(xnn_create_resize_bilinear2d_nhwc_f32(c_in, c_in, c_in, flags, &o), o, "create");
        if (st.ok())
          st = check(xnn_setup_resize_bilinear2d_nhwc_f32(o, size_t(in[0]), size_t(in[1]), size_t(in[2]), size_t(op_.resize_h),
                                                          size_t(op_.resize_w), x, y, s_.pool));
        break;
      }
      case OpType::concat: st = concat(y); break;
      case OpType::reshape: break;  // aliases its input in the memory plan
    }
    if (st.ok() && post != Activation::none) st = post_activation(post, y, y);
    return st;
  }

 private:
  const Shape& shape(int id) const { return s_.model.tensors[size_t(id)].shape; }
  const float* weight(int id) const { return id < 0 ? nullptr : s_.model.weights[size_t(id)].data.data(); }

  static void clamp_bounds(Activation a, float& lo, float& hi, Activation& post) {
    if (a == Activation::relu) lo = 0.0f;
    if (a == Activation::relu6) lo = 0.0f, hi = 6.0f;
    if (a == Activation::sigmoid || a == Activation::prelu) post = a;
  }

  Status check(xnn_status status, const char* step = "setup") const {
    if (status == xnn_status_success) return Status();
    return Status::error(where_ + ": xnn " + step + " failed with status " + std::to_string(int(status)));
  }

  // Records the operator (so the state deletes it) before checking how its creation went.
  Status add(xnn_status status, const xnn_operator_t& op, const char* step) {  // op read after create ran
    if (op) s_.operators.push_back(op);
    return check(status, step);
  }

  // sigmoid or PReLU over the op's output, reading x (in place when x == y).
  Status post_activation(Activation a, const float* x, float* y) {
    const Shape& out = shape(op_.output);
    const size_t c = size_t(out.back()), rows = shape_elements(out) / c;
    xnn_operator_t o = nullptr;
    Status st = a == Activation::sigmoid ? add(xnn_create_sigmoid_nc_f32(c, c, c, 0, &o), o, "create")
                                         : add(xnn_create_prelu_nc_f32(c, c, c, weight(op_.alpha), 0, &o), o, "create");
    if (!st.ok()) return st;
    return check(a == Activation::sigmoid ? xnn_setup_sigmoid_nc_f32(o, rows, x, y, s_.pool)
                                          : xnn_setup_prelu_nc_f32(o, rows, x, y, s_.pool));
  }

  // Each input is a strided copy: `outer` rows of its slice into the wider output rows.
  Status concat(float* y) {
    const Shape& out = shape(op_.output);
    size_t outer = 1, inner = 1;
    for (int d = 0; d < op_.axis; ++d) outer *= size_t(out[size_t(d)]);
    for (size_t d = size_t(op_.axis) + 1; d < out.size(); ++d) inner *= size_t(out[d]);
    const size_t out_row = size_t(out[size_t(op_.axis)]) * inner;
    size_t column = 0;
    for (int t : op_.inputs) {
      const size_t row = size_t(shape(t)[size_t(op_.axis)]) * inner;
      xnn_operator_t o = nullptr;
      Status st = add(xnn_create_copy_nc_x32(row, row, out_row, 0, &o), o, "create");
      if (st.ok()) st = check(xnn_setup_copy_nc_x32(o, outer, s_.tensor(t), y + column, s_.pool));
      if (!st.ok()) return st;
      column += row;
    }
    return Status();
  }

  XnnpackEngine::State& s_;
  const Op& op_;
  std::string where_;
};

}  // namespace

XnnpackEngine::~XnnpackEngine() = default;

Status XnnpackEngine::create(const Model& model, int threads, std::unique_ptr<XnnpackEngine>& out) {
  if (model.tensors.empty()) return Status::error("xnnpack: the model has no input (was it loaded?)");
  if (xnn_initialize(nullptr) != xnn_status_success) return Status::error("xnnpack: xnn_initialize failed (unsupported CPU?)");
  std::unique_ptr<XnnpackEngine> engine(new XnnpackEngine());
  engine->state_ = std::make_unique<State>();
  State& s = *engine->state_;
  s.model = model;
  if (threads > 1) s.pool = pthreadpool_create(size_t(threads));
  const MemoryPlan plan = plan_memory(s.model);
  s.arena_storage.assign(plan.arena_floats + 16, 0.0f);
  const uintptr_t base = reinterpret_cast<uintptr_t>(s.arena_storage.data());
  s.arena = s.arena_storage.data() + ((64 - base % 64) % 64) / sizeof(float);
  s.offsets = plan.offsets;
  for (size_t i = 0; i < s.model.ops.size(); ++i) {
    s.op_first.push_back(s.operators.size());
    Status st = OperatorBuilder(s, s.model.ops[i], i).build();
    if (!st.ok()) return st;
  }
  s.op_first.push_back(s.operators.size());
  out = std::move(engine);
  return Status();
}

float* XnnpackEngine::input() { return state_->tensor(0); }
const float* XnnpackEngine::output(size_t index) const { return state_->tensor(state_->model.outputs[index]); }

void XnnpackEngine::run() {
  for (xnn_operator_t op : state_->operators) xnn_run_operator(op, state_->pool);
}

void XnnpackEngine::run_op(size_t index) {
  for (size_t k = state_->op_first[index]; k < state_->op_first[index + 1]; ++k)
    xnn_run_operator(state_->operators[k], state_->pool);
}

}  // namespace emolens::nn

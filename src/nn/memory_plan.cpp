#include "nn/memory_plan.h"

#include <algorithm>
#include <numeric>

namespace emolens::nn {
namespace {

constexpr size_t kAlignFloats = 16;  // 64 bytes: a cache line, and whole SIMD vectors

struct Buffer {
  size_t floats = 0;
  int first = 0, last = 0;  // op indices that write first and read last (-1: before the first op)
  size_t offset = 0;
};

}  // namespace

MemoryPlan plan_memory(const Model& model) {
  const size_t tensor_count = model.tensors.size();
  std::vector<int> buffer_of(tensor_count, -1);
  std::vector<Buffer> buffers;
  auto new_buffer = [&](int tensor, int first) {
    buffer_of[size_t(tensor)] = int(buffers.size());
    Buffer b;
    b.floats = (shape_elements(model.tensors[size_t(tensor)].shape) + kAlignFloats - 1) / kAlignFloats * kAlignFloats;
    b.first = b.last = first;
    buffers.push_back(b);
  };
  new_buffer(0, -1);
  for (size_t i = 0; i < model.ops.size(); ++i) {
    const Op& op = model.ops[i];
    for (int t : op.inputs) buffers[size_t(buffer_of[size_t(t)])].last = int(i);
    if (op.type == OpType::reshape) buffer_of[size_t(op.output)] = buffer_of[size_t(op.inputs[0])];
    else new_buffer(op.output, int(i));
  }
  for (int t : model.outputs) buffers[size_t(buffer_of[size_t(t)])].last = int(model.ops.size());

  std::vector<size_t> order(buffers.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return buffers[a].floats > buffers[b].floats; });
  MemoryPlan plan;
  std::vector<size_t> placed;
  for (size_t id : order) {
    Buffer& b = buffers[id];
    // Lowest offset that overlaps no placed buffer whose lifetime overlaps this one.
    std::vector<std::pair<size_t, size_t>> busy;
    for (size_t other : placed) {
      const Buffer& o = buffers[other];
      if (o.first <= b.last && b.first <= o.last) busy.emplace_back(o.offset, o.offset + o.floats);
    }
    std::sort(busy.begin(), busy.end());
    size_t offset = 0;
    for (const auto& range : busy) {
      if (offset + b.floats <= range.first) break;
      offset = std::max(offset, range.second);
    }
    b.offset = offset;
    plan.arena_floats = std::max(plan.arena_floats, offset + b.floats);
    placed.push_back(id);
  }
  plan.offsets.resize(tensor_count);
  for (size_t t = 0; t < tensor_count; ++t) plan.offsets[t] = buffers[size_t(buffer_of[t])].offset;
  return plan;
}

}  // namespace emolens::nn

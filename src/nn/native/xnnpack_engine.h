// The same loaded Model run by XNNPACK (Debian libxnnpack, native builds only): the oracle our
// kernels are tested against and the speed they are measured against.
//
// Basic usage (as nn::Engine):
//   std::unique_ptr<emolens::nn::XnnpackEngine> xnn;
//   emolens::Status s = emolens::nn::XnnpackEngine::create(model, /*threads=*/1, xnn);
//   fill(xnn->input()); xnn->run(); read(xnn->output(0));
//
// XNNPACK 2022-02 has no concatenate in its subgraph API, so this uses the operator API: one
// operator per op (weights packed at create, pointers bound once into our own planned arena);
// concat is a strided copy operator per input, reshape aliases its input.
#pragma once
#include <memory>
#include <vector>

#include "core/status.h"
#include "nn/model.h"

namespace emolens::nn {

class XnnpackEngine {
 public:
  static Status create(const Model& model, int threads, std::unique_ptr<XnnpackEngine>& out);
  ~XnnpackEngine();

  float* input();                           // write the input here before run(); overwritten by run()
  const float* output(size_t index) const;  // valid after run(), until the input is written again
  void run();                               // one inference
  void run_op(size_t index);                // the operators of model ops[index] alone (profiling)

  struct State;  // operators, arena and pool: defined in the .cpp only

 private:
  XnnpackEngine() = default;
  std::unique_ptr<State> state_;
};

}  // namespace emolens::nn

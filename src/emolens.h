// emolens: facial-expression analysis of camera frames and photos. The public C++ API: what a
// program (and the wasm glue in wasm/) includes. Everything else under src/ is the implementation.
//
// Basic usage (errors are values: every call returns a Status; nothing throws):
//   #include "emolens.h"
//   emolens::nn::Model short_range, full_range, expression;
//   emolens::Status s = emolens::nn::model_load_files("models/expression.json", expression);  // and the detectors
//   std::unique_ptr<emolens::Analyzer> analyzer;
//   s = emolens::Analyzer::create({&short_range, &full_range, &expression}, emolens::analyzer_default_options(), analyzer);
//   emolens::FrameResult result;
//   s = analyzer->analyze(frame, timestamp_ms, result);  // camera frames (RGBA ImageView): detect, track, smooth
//   s = analyzer->analyze_photo(photo, result);          // one picture: every face, no history
//   analyzer->stats().session().seconds[label];          // histograms; analyzer->timeline() for plots
//
//   emolens::Image photo;                                 // a JPEG/PNG file's bytes to upright RGBA
//   emolens::DecodeResult d = emolens::image_decode(bytes, size, emolens::ImageLimits{}, photo);
//
// The API:
//   Analyzer, AnalyzerModels, AnalyzerOptions, analyzer_default_options()   analyzer/analyzer.h
//   FrameResult, FaceResult (what a frame or photo yields)                   analyzer/frame_result.h
//   nn::Model, nn::model_load(), nn::model_load_files()                       nn/model.h
//   image_decode(), DecodeResult, ImageLimits                                codec/image_decode.h
//   Image, ImageView, image_view()                                           image/image.h
//   Status (ok, or a stable code such as "corrupt_image" and a message)     core/status.h
//   kEmotionLabels, EmotionScores                                            core/emotions.h
//   build_info()                                                             core/build_info.h
// The classifier alone on face crops has its own small interface: emolens_classify.h.
#pragma once
#include "analyzer/analyzer.h"
#include "codec/image_decode.h"
#include "core/build_info.h"
#include "core/emotions.h"
#include "core/status.h"
#include "image/image.h"
#include "nn/model.h"

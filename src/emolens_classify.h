// The expression classifier alone, on face crops that are already cut out (no detector, no
// tracking): for evaluating the classifier on crop data sets and checking it against training.
//
// Basic usage:
//   #include "emolens_classify.h"
//   std::unique_ptr<emolens::ExpressionClassifier> classifier;
//   emolens::Status s = emolens::ExpressionClassifier::create(model, /*threads=*/1, classifier);
//   emolens::CropBuffers buffers;  emolens::Image crop;
//   emolens::CropDecodeResult r = emolens::crop_decode(bytes, size, classifier->input_size(), {}, buffers, crop);
//   emolens::EmotionScores p;  s = classifier->classify(crop.view(), p);
//
// The API:
//   ExpressionClassifier (grey S x S crop in, probabilities and logits out)  classify/expression_classifier.h
//   crop_decode(), CropDecodeResult, CropBuffers (crop file -> S x S grey)   classify/crop_decode.h
#pragma once
#include "classify/crop_decode.h"
#include "classify/expression_classifier.h"
#include "emolens.h"

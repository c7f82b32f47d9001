"""face-api's expression network (@vladmandic/face-api, MIT) as a trainable PyTorch module.

FaceExpressionNet is a FaceFeatureExtractor (four dense blocks of depthwise-separable convolutions,
32/64/128/256 channels, each block halving the resolution) + global average + a 256->7 dense layer,
322 k parameters: the size of our own network, but trained on other faces (it reads CK+'s posed
anger and fear far better than anything trained on FER alone, docs/experiments/ckplus.md). Its
weights ship as a TF.js weights manifest without a graph, so the network is written out here,
following face-api's src/faceFeatureExtractor (denseBlock4) and src/faceProcessor.

  net = FaceApiExpressionNet.load()                 # face-api's own weights, its 112x112 RGB input
  logits = net(prepare(x_uint8_grey, side=112))     # [N,7] in OUR label order (data.LABELS)
  student = FaceApiExpressionNet.load(first_stride=1, grey=True)   # our 48x48 grey input
"""
import json
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

import data
from tfjs_graph import _same_pad, read_manifest_weights

MODEL_DIR = os.path.join(os.path.dirname(data.HERE), "node_modules", "@vladmandic", "face-api", "model")
MANIFEST = "face_expression_model-weights_manifest.json"
# FaceExpressions' output order (src/faceExpressionNet/FaceExpressions.ts) and ours
FACE_API_LABELS = ["neutral", "happy", "sad", "angry", "fearful", "disgusted", "surprised"]
_OURS = {"fearful": "fear", "disgusted": "disgust", "surprised": "surprise"}
TO_OURS = [FACE_API_LABELS.index(next(k for k in FACE_API_LABELS if _OURS.get(k, k) == label)) for label in data.LABELS]
MEAN_RGB = (122.782, 117.001, 104.298)  # FaceFeatureExtractor.forwardInput: (x - mean) / 255
WIDTHS = (32, 64, 128, 256)


def read_face_api_weights(folder=MODEL_DIR, manifest=MANIFEST):
    """{name: float32 array}: face-api keeps only a weights manifest (no graph) beside its shard."""
    with open(os.path.join(folder, manifest)) as f:
        return read_manifest_weights(json.load(f), folder)


class SeparableConv(nn.Module):
    """tf.separableConv2d(x, depthwise, pointwise, stride, 'same') + bias, as face-api runs it."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.stride = stride
        self.depthwise = nn.Conv2d(cin, cin, 3, stride, 0, groups=cin, bias=False)
        self.pointwise = nn.Conv2d(cin, cout, 1, bias=True)

    def forward(self, x):
        return self.pointwise(self.depthwise(_same_pad(x, 3, 3, self.stride, self.stride)))


class DenseBlock(nn.Module):
    """denseBlock4: out1 = relu(conv0(x)) at stride 2, then three separable convs, each fed the
    ReLU of the sum of everything before it (out1 + out2 + ...)."""

    def __init__(self, cin, cout, first, stride=2):
        super().__init__()
        self.first, self.stride = first, stride
        self.conv0 = nn.Conv2d(cin, cout, 3, stride, 0, bias=True) if first else SeparableConv(cin, cout, stride)
        self.convs = nn.ModuleList([SeparableConv(cout, cout, 1) for _ in range(3)])

    def forward(self, x):
        total = F.relu(self.conv0(_same_pad(x, 3, 3, self.stride, self.stride) if self.first else x))
        for conv in self.convs:
            total = total + conv(F.relu(total))  # out1 is already >= 0
        return F.relu(total)


class FaceApiExpressionNet(nn.Module):
    """face-api's network. As a browser student (train.py --arch face-api): grey, first stride 1,
    so that our 48x48 crop gives the 48/24/12/6 maps face-api's 112x112 RGB input gives after its
    first block (56/28/14/7): the same face scale per layer (face-api's own weights, folded to
    grey, read CK+ at 87.8% this way from a 56 px crop, 88.5% at their 112), at our network's cost."""

    def __init__(self, first_stride=2, grey=False, dropout=0.0):
        super().__init__()
        self.widths = WIDTHS
        blocks, cin = [], 1 if grey else 3
        for i, cout in enumerate(WIDTHS):
            blocks.append(DenseBlock(cin, cout, first=i == 0, stride=first_stride if i == 0 else 2))
            cin = cout
        self.blocks = nn.Sequential(*blocks)
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(WIDTHS[-1], 7)

    def features(self, x):
        """Normalised input -> [N,256], the global average of the last block."""
        return self.blocks(x).mean((2, 3))

    def forward(self, x):
        """Logits in OUR label order (a loaded network's head is permuted at load)."""
        return self.fc(self.dropout(self.features(x)))

    @classmethod
    def load(cls, folder=MODEL_DIR, first_stride=2, grey=False, dropout=0.0):
        """face-api's weights. RGB: face-api's input, (x - mean RGB) / 255 (prepare()). grey: one
        input channel in OUR convention, (x / 255 - 0.5) / 0.5 (inference.normalise): a grey crop
        repeated as RGB is one channel, so the kernel is summed over RGB and rescaled, and the
        per-channel means move into the bias; exact away from the zero-padded border."""
        net = cls(first_stride, grey, dropout)
        w = read_face_api_weights(folder)
        t = lambda a: torch.from_numpy(np.ascontiguousarray(a, np.float32))  # noqa: E731
        with torch.no_grad():
            for i, block in enumerate(net.blocks):
                for j, conv in enumerate([block.conv0, *block.convs]):
                    key = f"dense{i}/conv{j}"
                    if isinstance(conv, nn.Conv2d):  # HWIO -> OIHW
                        kernel, bias = w.pop(f"{key}/filters").transpose(3, 2, 0, 1), w.pop(f"{key}/bias")
                        if grey:  # face-api's channel c = 0.5 * ours + (127.5 - mean_c) / 255
                            shift = (127.5 - np.array(MEAN_RGB)) / 255.0
                            bias = bias + np.einsum("oihw,i->o", kernel, shift)
                            kernel = 0.5 * kernel.sum(1, keepdims=True)
                        conv.weight.copy_(t(kernel))
                        conv.bias.copy_(t(bias))
                    else:  # depthwise [H,W,C,1] -> [C,1,H,W]; pointwise [1,1,Ci,Co] -> [Co,Ci,1,1]
                        conv.depthwise.weight.copy_(t(w.pop(f"{key}/depthwise_filter").transpose(2, 3, 0, 1)))
                        conv.pointwise.weight.copy_(t(w.pop(f"{key}/pointwise_filter").transpose(3, 2, 0, 1)))
                        conv.pointwise.bias.copy_(t(w.pop(f"{key}/bias")))
            net.fc.weight.copy_(t(w.pop("fc/weights").T[TO_OURS]))
            net.fc.bias.copy_(t(w.pop("fc/bias")[TO_OURS]))
        if w:
            raise ValueError(f"face-api weights not used: {sorted(w)}")
        return net


def face_api_student(dropout=0.3, pretrained=True):
    """The browser student of this architecture (train.py --arch face-api): 48x48 grey, first
    stride 1, face-api's weights as the starting point unless pretrained is False."""
    if pretrained:
        return FaceApiExpressionNet.load(first_stride=1, grey=True, dropout=dropout)
    return FaceApiExpressionNet(first_stride=1, grey=True, dropout=dropout)


def prepare(x_grey, side=112, grey=False):
    """Grey crops [N,H,W] in 0..255 (uint8 array or float tensor), resized to side with TF's legacy
    bilinear (align_corners and half-pixel centres off, as face-api resizes) -> face-api's RGB
    input [N,3,side,side], (x - mean RGB) / 255, or with grey our one-channel (x / 255 - 0.5) / 0.5."""
    if isinstance(x_grey, np.ndarray):
        x_grey = torch.from_numpy(np.ascontiguousarray(x_grey))
    x = _tf_resize_bilinear(x_grey.float()[:, None], side)
    if grey:
        return x / 127.5 - 1.0
    mean = torch.tensor(MEAN_RGB).view(1, 3, 1, 1)
    return (x.expand(-1, 3, -1, -1) - mean) / 255.0


def _tf_resize_bilinear(x, side):
    """tf.image.resizeBilinear(x, [side, side], false, false): source = dest * in / out."""
    h, w = x.shape[2], x.shape[3]
    if (h, w) == (side, side):
        return x
    def axis(n_in):
        src = torch.arange(side, dtype=torch.float32) * (n_in / side)
        lo = src.floor().long().clamp(max=n_in - 1)
        hi = (lo + 1).clamp(max=n_in - 1)
        return lo, hi, (src - lo.float())
    y0, y1, fy = axis(h)
    x0, x1, fx = axis(w)
    top = x[:, :, y0] * (1 - fy)[:, None] + x[:, :, y1] * fy[:, None]
    return top[..., x0] * (1 - fx) + top[..., x1] * fx

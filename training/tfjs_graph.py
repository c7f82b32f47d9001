"""Rebuild a TF.js graph model (model.json + weight shards) as a trainable PyTorch module.

Generic over the ops of the face networks we distil from: Human's `faceres` (HSE MobileNet,
BN folded into Mul/Add, ReLU6 as Relu + Minimum + Maximum, fp16-quantised weights) and `emotion`
(mini-Xception, _FusedConv2D with BiasAdd/Relu, MaxPool). Tensors run NCHW inside; every
constant becomes a Parameter, so the graph fine-tunes as it stands. An op the converter does not
know stops the load with its name instead of computing something else.

  net = TfjsGraph.load("node_modules/@vladmandic/human/models/faceres.json")
  out = net(x_nchw, outputs=["global_pooling/Mean"])   # dict name -> tensor
"""
import base64
import json
import math
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

# bytes per element as stored in the shard, by (stored) dtype
_STORED = {"float32": np.float32, "int32": np.int32, "float16": np.float16,
           "uint8": np.uint8, "uint16": np.uint16, "bool": np.bool_}
_OPS = {"Const", "Placeholder", "Identity", "Conv2D", "DepthwiseConv2dNative", "_FusedConv2D",
        "Add", "AddV2", "Mul", "Sub", "Relu", "Relu6", "Minimum", "Maximum", "Mean", "MaxPool",
        "_FusedMatMul", "MatMul", "BiasAdd", "Sigmoid", "Softmax"}


def read_weights(model_json_path):
    """{name: np.ndarray} from the model's weights manifest (read_manifest_weights)."""
    with open(model_json_path) as f:
        manifest = json.load(f)["weightsManifest"]
    return read_manifest_weights(manifest, os.path.dirname(model_json_path))


def read_manifest_weights(manifest, folder):
    """{name: np.ndarray} from a TF.js weights manifest (a list of groups, each naming its shards
    in folder), dequantised (float16, or uint8/uint16 with scale and min) to float32; int32
    constants stay int32."""
    out = {}
    for group in manifest:
        buf = b"".join(open(os.path.join(folder, p), "rb").read() for p in group["paths"])
        offset = 0
        for w in group["weights"]:
            q = w.get("quantization")
            stored = _STORED[q["dtype"] if q else w["dtype"]]
            count = int(np.prod(w["shape"])) if w["shape"] else 1
            nbytes = count * np.dtype(stored).itemsize
            if offset + nbytes > len(buf):
                raise ValueError(f"{w['name']}: shard ends at {len(buf)} bytes, weight needs {offset + nbytes}")
            a = np.frombuffer(buf, stored, count, offset).reshape(w["shape"])
            offset += nbytes
            if q and q["dtype"] in ("uint8", "uint16"):
                a = a.astype(np.float32) * q["scale"] + q["min"]
            out[w["name"]] = a.astype(np.int32 if w["dtype"] == "int32" else np.float32)
        if offset != len(buf):
            raise ValueError(f"{group['paths']}: {len(buf) - offset} bytes left after the last weight")
    return out


def _attr(node, key, default=None):
    a = node.get("attr", {}).get(key)
    if a is None:
        return default
    if "list" in a:
        lst = a["list"]
        if "i" in lst:
            return [int(v) for v in lst["i"]]
        if "s" in lst:
            return [base64.b64decode(v).decode() for v in lst["s"]]
        return []
    if "s" in a:
        return base64.b64decode(a["s"]).decode()
    if "i" in a:
        return int(a["i"])
    if "f" in a:
        return float(a["f"])
    if "b" in a:
        return bool(a["b"])
    return a


def same_pad(size, stride, kernel=3):
    """TF 'SAME' padding of one axis as (before, after): the extra pixel goes after (differs from
    PyTorch's padding='same' for stride 2)."""
    total = max((math.ceil(size / stride) - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


def _same_pad(x, kh, kw, sh, sw, value=0.0):
    """x [N,C,H,W] padded as TF's 'SAME' does; max-pooling pads with -inf."""
    top, bottom = same_pad(x.shape[2], sh, kh)
    left, right = same_pad(x.shape[3], sw, kw)
    return F.pad(x, (left, right, top, bottom), value=value)


class TfjsGraph(nn.Module):
    def __init__(self, nodes, weights):
        super().__init__()
        unknown = sorted({n["op"] for n in nodes} - _OPS)
        if unknown:
            raise NotImplementedError(f"TF.js ops not converted: {unknown}")
        for n in nodes:
            if n["op"] not in ("Const", "Placeholder") and _attr(n, "data_format", "NHWC") != "NHWC":
                raise NotImplementedError(f"{n['name']}: data_format {_attr(n, 'data_format')}")
        self.nodes = [n for n in nodes if n["op"] != "Const"]
        self.inputs = [n["name"] for n in nodes if n["op"] == "Placeholder"]
        self.keys = {}  # graph const name -> parameter key (dots are not allowed in names)
        self.params = nn.ParameterDict()
        self.ints = {}  # constants that are not trained: int32 arrays and float scalars
        layout = self._layouts(nodes)
        for n in nodes:
            if n["op"] != "Const":
                continue
            name = n["name"]
            if name not in weights:
                raise ValueError(f"constant {name} has no weight in the manifest")
            a = weights[name]
            if a.dtype == np.int32 or a.size == 1:  # shapes, axes and clip bounds (ReLU6's 6) stay fixed
                self.ints[name] = a if a.dtype == np.int32 else torch.from_numpy(a.copy())
                continue
            t = torch.from_numpy(a.copy())
            if layout.get(name) == "conv":  # HWIO -> OIHW
                t = t.permute(3, 2, 0, 1)
            elif layout.get(name) == "depthwise":  # HW C M -> (C*M) 1 H W
                kh, kw, c, m = t.shape
                t = t.permute(2, 3, 0, 1).reshape(c * m, 1, kh, kw)
            elif layout.get(name) == "matmul":  # [in, out] -> [out, in]
                t = t.t()
            key = f"p{len(self.keys)}"
            self.keys[name] = key
            self.params[key] = nn.Parameter(t.contiguous())

    @staticmethod
    def _layouts(nodes):
        kinds = {"Conv2D": "conv", "_FusedConv2D": "conv", "DepthwiseConv2dNative": "depthwise",
                 "_FusedMatMul": "matmul", "MatMul": "matmul"}
        out = {}
        for n in nodes:
            if n["op"] in kinds:
                if n["op"] in ("_FusedMatMul", "MatMul") and (_attr(n, "transpose_a") or _attr(n, "transpose_b")):
                    raise NotImplementedError(f"{n['name']}: transposed MatMul")
                out[n["input"][1].split(":")[0]] = kinds[n["op"]]
        return out

    @classmethod
    def load(cls, model_json_path):
        with open(model_json_path) as f:
            topology = json.load(f)["modelTopology"]
        return cls(topology["node"], read_weights(model_json_path))

    def _value(self, env, ref):
        name = ref.split(":")[0]
        if name in env:
            return env[name]
        if name in self.keys:
            return self.params[self.keys[name]]
        if name in self.ints:
            return self.ints[name]
        raise KeyError(f"input {ref} is neither computed nor a constant")

    @staticmethod
    def _broadcast(a, b):
        """A per-channel [C] constant against an NCHW activation lines up with dim 1."""
        if torch.is_tensor(a) and torch.is_tensor(b):
            if a.dim() == 4 and b.dim() == 1 and b.numel() > 1:
                b = b.view(1, -1, 1, 1)
            elif b.dim() == 4 and a.dim() == 1 and a.numel() > 1:
                a = a.view(1, -1, 1, 1)
        return a, b

    def _conv(self, n, x, w, depthwise):
        sh, sw = _attr(n, "strides")[1:3]
        dh, dw = _attr(n, "dilations", [1, 1, 1, 1])[1:3]
        padding = _attr(n, "padding")
        if padding == "SAME":
            x = _same_pad(x, (w.shape[2] - 1) * dh + 1, (w.shape[3] - 1) * dw + 1, sh, sw)
        elif padding != "VALID":
            raise NotImplementedError(f"{n['name']}: padding {padding}")
        groups = x.shape[1] if depthwise else 1
        return F.conv2d(x, w, stride=(sh, sw), dilation=(dh, dw), groups=groups)

    def _fused(self, n, y, args):
        for i, op in enumerate(_attr(n, "fused_ops", [])):
            if op == "BiasAdd":
                y = y + (args[i].view(1, -1, 1, 1) if y.dim() == 4 else args[i])
            elif op == "Relu":
                y = F.relu(y)
            elif op == "Relu6":
                y = F.relu6(y)
            else:
                raise NotImplementedError(f"{n['name']}: fused op {op}")
        return y

    def _available(self, env, ref):
        name = ref.split(":")[0]
        return name in env or name in self.keys or name in self.ints

    def forward(self, x, outputs, start=None):
        """x: NCHW float (the graph's NHWC input, transposed); outputs: node names to return.
        With start, x is that node's output and only the part of the graph after it runs."""
        env = {start or self.inputs[0]: x}
        wanted = set(outputs)
        for n in self.nodes:
            op, name = n["op"], n["name"]
            refs = [r for r in n.get("input", []) if not r.startswith("^")]
            if op == "Placeholder" or name in env or not all(self._available(env, r) for r in refs):
                continue  # upstream of start (or the start itself)
            args = [self._value(env, r) for r in refs]
            if op == "Identity":
                y = args[0]
            elif op in ("Conv2D", "DepthwiseConv2dNative"):
                y = self._conv(n, args[0], args[1], op == "DepthwiseConv2dNative")
            elif op == "_FusedConv2D":
                y = self._fused(n, self._conv(n, args[0], args[1], False), args[2:])
            elif op in ("MatMul", "_FusedMatMul"):
                y = F.linear(args[0], args[1])
                if op == "_FusedMatMul":
                    y = self._fused(n, y, args[2:])
            elif op in ("Add", "AddV2", "BiasAdd"):
                a, b = self._broadcast(args[0], args[1])
                y = a + b
            elif op == "Sub":
                a, b = self._broadcast(args[0], args[1])
                y = a - b
            elif op == "Mul":
                a, b = self._broadcast(args[0], args[1])
                y = a * b
            elif op == "Minimum":
                a, b = self._broadcast(args[0], args[1])
                y = torch.minimum(a, b)
            elif op == "Maximum":
                a, b = self._broadcast(args[0], args[1])
                y = torch.maximum(a, b)
            elif op == "Relu":
                y = F.relu(args[0])
            elif op == "Relu6":
                y = F.relu6(args[0])
            elif op == "Sigmoid":
                y = torch.sigmoid(args[0])
            elif op == "Softmax":
                y = torch.softmax(args[0], -1)
            elif op == "Mean":
                axes = sorted(int(a) % 4 for a in np.atleast_1d(args[1]))
                if axes != [1, 2] or args[0].dim() != 4:
                    raise NotImplementedError(f"{name}: Mean over NHWC axes {axes}")
                y = args[0].mean((2, 3), keepdim=bool(_attr(n, "keep_dims", False)))
            elif op == "MaxPool":
                kh, kw = _attr(n, "ksize")[1:3]
                sh, sw = _attr(n, "strides")[1:3]
                xin = args[0]
                if _attr(n, "padding") == "SAME":
                    xin = _same_pad(xin, kh, kw, sh, sw, float("-inf"))
                y = F.max_pool2d(xin, (kh, kw), (sh, sw))
            env[name] = y
            if wanted <= env.keys():
                break
        missing = wanted - env.keys()
        if missing:
            raise KeyError(f"outputs not in the graph: {sorted(missing)}")
        return {k: env[k] for k in outputs}

"""The expression CNN: only ops the emolens engine runs (conv, depthwise conv, BN folded at export,
ReLU, max pool, residual add, global average pool, fully connected; dropout while training).

Layout, for a 48x48 grey input (spatial size after each stage):
  48: conv3x3 1->32                  (full resolution is kept to one layer: on a CPU trainer the
                                      48x48 BN/ReLU traffic cost more time than it bought accuracy)
  24: maxpool, conv3x3 32->64, 2x separable 64 + residual
  12: maxpool, conv3x3 64->128, 2x separable 128 + residual
   6: maxpool, separable 128->256, 2x separable 256 + residual
  global average pool, dropout, fully connected 256->7 ("logits")
Plain 3x3 convs where a stage widens (they carry most of the accuracy per FLOP at low channel
counts); depthwise-separable blocks elsewhere. Global average pooling before the dense layer makes
the NHWC/NCHW flatten order irrelevant for export.
"""
import torch
import torch.nn as nn


class ConvBN(nn.Module):
    """conv (or depthwise conv) without bias + BatchNorm + optional ReLU; folded to one op at export."""

    def __init__(self, ci, co, k=3, stride=1, depthwise=False, relu=True):
        super().__init__()
        self.conv = nn.Conv2d(ci, co, k, stride, k // 2, groups=ci if depthwise else 1, bias=False)
        self.bn = nn.BatchNorm2d(co)
        self.relu = relu
        self.depthwise = depthwise

    def forward(self, x):
        x = self.bn(self.conv(x))
        return torch.relu(x) if self.relu else x


class Separable(nn.Module):
    """depthwise 3x3 + BN + ReLU, pointwise 1x1 + BN, then ReLU(x + y) when shapes allow a residual."""

    def __init__(self, ci, co):
        super().__init__()
        self.dw = ConvBN(ci, ci, 3, depthwise=True)
        self.pw = ConvBN(ci, co, 1, relu=False)
        self.residual = ci == co

    def forward(self, x):
        y = self.pw(self.dw(x))
        return torch.relu(x + y if self.residual else y)


class Pool(nn.Module):
    """2x2 max pool, stride 2."""

    def forward(self, x):
        return nn.functional.max_pool2d(x, 2)


class ExpressionNet(nn.Module):
    DEFAULT_WIDTHS = (32, 64, 128, 256)

    def __init__(self, num_classes=7, widths=DEFAULT_WIDTHS, dropout=0.3):
        super().__init__()
        self.widths = tuple(widths)
        a, b, c, d = widths
        self.features = nn.Sequential(
            ConvBN(1, a),
            Pool(), ConvBN(a, b), Separable(b, b), Separable(b, b),
            Pool(), ConvBN(b, c), Separable(c, c), Separable(c, c),
            Pool(), Separable(c, d), Separable(d, d), Separable(d, d),
        )
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(d, num_classes)

    def forward(self, x):
        x = self.features(x).mean((2, 3))
        return self.fc(self.dropout(x))


def count_params(model):
    """Parameters as exported: BN folds into a per-channel conv bias, so count conv + bias."""
    n = 0
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            n += m.weight.numel() + m.out_channels
        elif isinstance(m, nn.Linear):
            n += m.weight.numel() + m.out_features
    return n


def count_macs(model, size=48):
    """Multiply-adds of one forward pass on a size x size image (conv and dense only)."""
    macs = []

    def conv_hook(m, inp, out):
        macs.append(out.numel() * m.weight[0].numel())

    def fc_hook(m, inp, out):
        macs.append(m.weight.numel())

    hooks = [m.register_forward_hook(conv_hook) for m in model.modules() if isinstance(m, nn.Conv2d)]
    hooks += [m.register_forward_hook(fc_hook) for m in model.modules() if isinstance(m, nn.Linear)]
    was = model.training
    model.eval()
    with torch.no_grad():
        model(torch.zeros(1, 1, size, size))
    model.train(was)
    for h in hooks:
        h.remove()
    return sum(macs)

"""Batch augmentation on the CPU, vectorised in torch (no loader workers: we only have 2 cores).

Mimics what the live pipeline feeds the classifier: aligned crops that are a little rotated,
scaled and shifted, mirrored, under varying exposure, sometimes soft, always a little noisy.
"""
import math

import torch
import torch.nn.functional as F

_BLUR = torch.tensor([1.0, 2.0, 1.0])
_BLUR = (_BLUR[:, None] * _BLUR[None, :] / 16.0).view(1, 1, 3, 3)


def augment(x, rot_deg=10.0, scale=0.10, shift_px=4.0, blur_p=0.2, noise_max=0.03):
    """x: float [N,1,48,48] in [0,1] -> augmented copy in [0,1]."""
    n, _, h, w = x.shape
    angle = (torch.rand(n) * 2 - 1) * math.radians(rot_deg)
    s = 1.0 + (torch.rand(n) * 2 - 1) * scale
    flip = torch.where(torch.rand(n) < 0.5, -1.0, 1.0)
    tx = (torch.rand(n) * 2 - 1) * shift_px * 2 / w  # grid units: 2 per image width
    ty = (torch.rand(n) * 2 - 1) * shift_px * 2 / h
    cos, sin = torch.cos(angle) / s, torch.sin(angle) / s
    theta = torch.stack([torch.stack([cos * flip, -sin, tx], 1),
                         torch.stack([sin * flip, cos, ty], 1)], 1)
    grid = F.affine_grid(theta, x.shape, align_corners=False)
    x = F.grid_sample(x, grid, mode="bilinear", padding_mode="reflection", align_corners=False)

    gamma = torch.exp((torch.rand(n, 1, 1, 1) * 2 - 1) * 0.35)
    x = x.clamp(1e-4, 1.0) ** gamma
    contrast = 1.0 + (torch.rand(n, 1, 1, 1) * 2 - 1) * 0.3
    brightness = (torch.rand(n, 1, 1, 1) * 2 - 1) * 0.12
    mean = x.mean((2, 3), keepdim=True)
    x = (x - mean) * contrast + mean + brightness

    blurred = F.conv2d(F.pad(x, (1, 1, 1, 1), mode="replicate"), _BLUR)
    x = torch.where(torch.rand(n, 1, 1, 1) < blur_p, blurred, x)
    x = x + torch.randn_like(x) * torch.rand(n, 1, 1, 1) * noise_max
    return x.clamp(0.0, 1.0)

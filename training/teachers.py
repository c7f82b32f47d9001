"""The face networks we take as teachers, as TF.js graph models from the npm packages in
node_modules, each with the input it expects built from our 48x48 grey crops.

- faceres: Human's HSE MobileNet (github.com/HSE-asavchenko/HSE_FaceRec_tf, trained for identity
  and age/gender on VGGFace2), 224x224 RGB in 0..255 (Human multiplies its 0..1 crop by 255);
  fully convolutional up to global_pooling/Mean (1024-d), so smaller inputs run too.
- emotion: Human's mini-Xception (github.com/oarriaga/face_classification, trained on FER2013),
  64x64 grey as (x - 0.5) * 2; its 7 outputs are in our label order (angry ... neutral).
"""
import os
from dataclasses import dataclass

import torch
import torch.nn.functional as F

from data import HERE

HUMAN_MODELS = os.path.join(os.path.dirname(HERE), "node_modules", "@vladmandic", "human", "models")


def _faceres_input(x_uint8, size):
    """uint8 [N,48,48] -> float [N,3,size,size] in 0..255 (grey repeated as RGB)."""
    x = x_uint8.float().unsqueeze(1)
    x = F.interpolate(x, size=(size, size), mode="bilinear", align_corners=False)
    return x.expand(-1, 3, -1, -1).contiguous()


def _emotion_input(x_uint8, size):
    x = x_uint8.float().unsqueeze(1).div(255.0)
    x = F.interpolate(x, size=(size, size), mode="bilinear", align_corners=False)
    return ((x - 0.5) * 2.0).contiguous()


@dataclass(frozen=True)
class Spec:
    name: str
    model_json: str
    prepare: object      # (uint8 tensor [N,48,48], size) -> NCHW float input
    size: int            # the input size the network was trained at
    feature: str         # node whose (globally pooled, if 4-D) output is the feature vector
    parity_outputs: tuple
    licence: str
    own_output: str = ""  # node holding the network's own 7 expression probabilities, if it has them
    top_from: str = ""     # node whose maps features.py caches so that the last blocks fine-tune cheaply


SPECS = {
    "faceres": Spec("faceres", os.path.join(HUMAN_MODELS, "faceres.json"), _faceres_input, 224,
                    "global_pooling/Mean", ("global_pooling/Mean", "age_pred/Softmax", "gender_pred/Sigmoid"),
                    "weights from HSE_FaceRec_tf, converted and shipped in @vladmandic/human (MIT)",
                    top_from="conv_pw_11_relu/clip_by_value"),
    "emotion": Spec("emotion", os.path.join(HUMAN_MODELS, "emotion.json"), _emotion_input, 64,
                    "StatefulPartitionedCall/model_1/add_2/add", ("Identity",),
                    "weights from oarriaga/face_classification (MIT), shipped in @vladmandic/human (MIT)",
                    own_output="Identity"),
}


def pooled(f):
    """A feature map [N,C,H,W] globally averaged to [N,C]; a vector stays as it is."""
    return f.mean((2, 3)) if f.dim() == 4 else f


def features(net, spec, x, size):
    """The spec's feature node for a prepared batch, globally averaged if it is a feature map."""
    return pooled(net(x, [spec.feature])[spec.feature])

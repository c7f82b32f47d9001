"""Running a trained network: the input convention, batched prediction and checkpoint loading,
shared by train.py (validation), teacher.py (distillation targets), export.py and finetune.py (resume)."""
import os

import torch

from faceapi_net import face_api_student
from model import ExpressionNet


def to_input(x_uint8):
    """uint8 [N,48,48] -> float [N,1,48,48] in [0,1]; the model input is then (x - 0.5) / 0.5."""
    return torch.from_numpy(x_uint8).float().div_(255.0).unsqueeze(1)


def normalise(x01):
    return ((x01 - 0.5) / 0.5).contiguous(memory_format=torch.channels_last)


@torch.no_grad()
def predict(model, x_uint8, batch=128):
    """Logits [N,7] as numpy, eval mode."""
    model.eval()
    logits = [model(normalise(to_input(x_uint8[i:i + batch]))) for i in range(0, len(x_uint8), batch)]
    return torch.cat(logits).numpy()


def load_checkpoint(path):
    """(model in eval mode, the checkpoint dict); the architecture and widths come from the run's arguments."""
    ck = torch.load(path)
    a = ck["args"]
    if a.get("arch", "expression") == "face-api":
        model = face_api_student(a["dropout"], pretrained=False)
    else:
        model = ExpressionNet(widths=a.get("widths", ExpressionNet.DEFAULT_WIDTHS), dropout=a["dropout"])
    model = model.to(memory_format=torch.channels_last)
    model.load_state_dict(ck["model"])
    model.eval()
    return model, ck


def resume_run(last_path, model, opt, sched, args, must_match):
    """Loads a run's last checkpoint into the model, optimiser and schedule and returns its training
    state, or None when the run has no checkpoint yet. A checkpoint made with other values of the
    arguments named in must_match stops the run: resuming it would mix two schedules."""
    if not os.path.exists(last_path):
        return None
    ck = torch.load(last_path)
    changed = [name for name in must_match if ck["args"][name] != getattr(args, name)]
    if changed:
        raise SystemExit(f"{last_path} was made with other {'/'.join('--' + n for n in changed)}; use another --run")
    model.load_state_dict(ck["model"])
    opt.load_state_dict(ck["opt"])
    sched.load_state_dict(ck["sched"])
    return ck["state"]

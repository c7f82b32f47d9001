"""Fine-tune a converted face network (teachers.py) on fer/train with the project's targets, select
on valid: the backbone up to its feature node, then dropout and a new linear head.

  nice -n 19 /usr/bin/python3 training/finetune.py --teacher faceres --size 112 --run t_faceres112
  nice -n 19 /usr/bin/python3 training/finetune.py --teacher faceres --size 112 --top --run t_faceres112_top

The whole network trains on augmented crops (augment.py). With --top only the blocks after the
spec's top_from node train, on the maps features.py cached there (minutes instead of hours on 2
cores; the only augmentation is mirroring the maps, an approximation of mirroring the crop).
Resumable: rerunning the same command continues from runs/<run>/last.pt (written each epoch, as
best.pt is when valid improves). Logs wall and CPU seconds per epoch (the machine is shared).
"""
import argparse
import json
import math
import os
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

import data  # noqa: E402
import metrics  # noqa: E402
import teachers  # noqa: E402
from augment import augment  # noqa: E402
from features import feature_path  # noqa: E402
from inference import resume_run  # noqa: E402
from probe import class_weights  # noqa: E402
from tfjs_graph import TfjsGraph  # noqa: E402


class Teacher(nn.Module):
    """Converted backbone -> pooled feature -> dropout -> linear head over our 7 labels."""

    def __init__(self, spec, size, dropout=0.3, top=False):
        super().__init__()
        self.spec, self.size = spec, size
        self.start = spec.top_from if top else None
        if top and not spec.top_from:
            raise SystemExit(f"{spec.name} names no top_from node to train from")
        self.backbone = TfjsGraph.load(spec.model_json)
        dim = teachers.features(self.backbone, spec, spec.prepare(torch.zeros(1, 48, 48, dtype=torch.uint8), size),
                                size).shape[1]
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(dim, len(data.LABELS))

    def forward(self, x):
        """x: float [N,48,48] in 0..255 (the crop as pixels), or with top the maps at top_from."""
        if self.start:
            f = teachers.pooled(self.backbone(x, [self.spec.feature], start=self.start)[self.spec.feature])
        else:
            f = teachers.features(self.backbone, self.spec, self.spec.prepare(x, self.size), self.size)
        return self.head(self.dropout(f))

    def trainable(self):
        """The backbone's parameters that receive gradients (with top: those after top_from)."""
        if not self.start:
            return list(self.backbone.parameters())
        with torch.enable_grad():
            probe = torch.zeros(1, *self.backbone(self.spec.prepare(torch.zeros(1, 48, 48), self.size),
                                                  [self.start])[self.start].shape[1:])
            self.forward(probe).sum().backward()
        used = [q for q in self.backbone.parameters() if q.grad is not None]
        self.zero_grad(set_to_none=True)
        return used


@torch.no_grad()
def predict(model, inputs, mirror=False, batch=128):
    """Logits [N,7] (numpy) of uint8 crops [N,48,48], or of float16 maps with a --top model; with
    mirror, the log of the mean of the input's and its mirror's softmax (mirrored along width)."""
    model.eval()
    out = []
    for i in range(0, len(inputs), batch):
        x = torch.from_numpy(inputs[i:i + batch]).float()
        if mirror:
            p = (torch.softmax(model(x), 1) + torch.softmax(model(x.flip(-1)), 1)) / 2
            out.append(p.log())
        else:
            out.append(model(x))
    return torch.cat(out).numpy()


def load_teacher(path):
    """(model in eval mode, checkpoint dict) from a finetune.py checkpoint."""
    ck = torch.load(path)
    a = ck["args"]
    model = Teacher(teachers.SPECS[a["teacher"]], a["size"], a["dropout"], a.get("top", False))
    model.load_state_dict(ck["model"])
    return model.eval(), ck


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--teacher", choices=sorted(teachers.SPECS), default="faceres")
    p.add_argument("--size", type=int, default=112)
    p.add_argument("--run", required=True)
    p.add_argument("--top", action="store_true", help="train only the blocks after top_from, on cached maps")
    p.add_argument("--epochs", type=int, default=6)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=3e-4, help="peak lr of the backbone (cosine after 1 warm-up epoch)")
    p.add_argument("--head-lr", type=float, default=3e-3)
    p.add_argument("--wd", type=float, default=1e-4)
    p.add_argument("--dropout", type=float, default=0.3)
    p.add_argument("--fer2013-weight", type=float, default=0.5)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    run_dir = os.path.join(data.RUNS, args.run)
    os.makedirs(run_dir, exist_ok=True)
    log_path = os.path.join(run_dir, "train.log")

    def log(text):
        print(text, flush=True)
        with open(log_path, "a") as f:
            f.write(text + "\n")

    d = data.load()
    train, valid = d["train"], d["valid"]
    targets = torch.from_numpy(data.soft_targets(train["y"], train["votes"], args.fer2013_weight))
    class_w = torch.from_numpy(class_weights(targets.numpy()))
    majority = data.ferplus_majority(valid["votes"])
    torch.manual_seed(args.seed)
    model = Teacher(teachers.SPECS[args.teacher], args.size, args.dropout, args.top)
    opt = torch.optim.AdamW([{"params": model.trainable(), "lr": args.lr},
                             {"params": model.head.parameters(), "lr": args.head_lr}], weight_decay=args.wd)
    steps = len(train["y"]) // args.batch
    total = steps * args.epochs

    def factor(step):  # linear warm-up over the first epoch, cosine to 0 after
        return (step + 1) / steps if step < steps else 0.5 * (1 + math.cos(math.pi * (step - steps) / max(total - steps, 1)))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, factor)
    last_path, best_path = data.checkpoint_path(args.run, "last"), data.checkpoint_path(args.run, "best")
    state = resume_run(last_path, model, opt, sched, args, ("epochs", "size"))
    if state is not None:
        log(f"resumed from {last_path} after epoch {state['epoch']}")
    else:
        state = {"epoch": 0, "best_score": -1.0, "history": [], "wall_s": 0.0, "cpu_s": 0.0}
        log(f"args {json.dumps(vars(args))}")
        log(f"{sum(q.numel() for q in model.parameters())} parameters; torch {torch.__version__}")
    if args.top:
        z = np.load(feature_path(args.teacher, args.size))
        x_all, valid_in = torch.from_numpy(z["train_map"]), z["valid_map"]
    else:
        x_all, valid_in = torch.from_numpy(train["x"]).float().div_(255.0).unsqueeze(1), valid["x"]
    for epoch in range(state["epoch"], args.epochs):
        t0, c0 = time.time(), time.process_time()
        model.train()
        torch.manual_seed(args.seed * 1000 + epoch)
        order = torch.from_numpy(np.random.default_rng(args.seed * 1000 + epoch).permutation(len(x_all)))
        seen, total_loss = 0, 0.0
        for step in range(steps):
            idx = order[step * args.batch:(step + 1) * args.batch]
            if args.top:  # mirror half of the maps along their width
                x = x_all[idx].float()
                x = torch.where(torch.rand(len(idx), 1, 1, 1) < 0.5, x.flip(-1), x)
            else:
                x = augment(x_all[idx]).squeeze(1) * 255.0
            loss = -(F.log_softmax(model(x), 1) * targets[idx] * class_w).sum(1).mean()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            total_loss += loss.item() * len(idx)
            seen += len(idx)
            if (step + 1) % 25 == 0:
                log(f"  epoch {epoch + 1} step {step + 1}/{steps}  loss {total_loss / seen:.4f}  "
                    f"{(time.time() - t0) / (step + 1):.2f} s/step")
        m = metrics.evaluate(predict(model, valid_in).argmax(1), valid["y"], majority)
        state["wall_s"] += time.time() - t0
        state["cpu_s"] += time.process_time() - c0
        state["epoch"] = epoch + 1
        state["history"].append({"epoch": epoch + 1, "loss": total_loss / seen, "seconds": time.time() - t0,
                                 "cpu_s": time.process_time() - c0,
                                 **{k: m[k] for k in ("fer2013_acc", "ferplus_majority_acc", "macro_f1", "score")}})
        best = m["score"] > state["best_score"]
        if best:
            state["best_score"], state["best_epoch"] = m["score"], epoch + 1
        ck = {"model": model.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(),
              "state": state, "args": vars(args), "metrics": m}
        for path, write in ((best_path, best), (last_path, True)):
            if write:
                torch.save(ck, path + ".tmp")
                os.replace(path + ".tmp", path)
        log(f"epoch {epoch + 1}/{args.epochs}  loss {total_loss / seen:.4f} | valid {metrics.summary(m)}"
            f"{'  *best*' if best else ''} | {time.time() - t0:.0f} s wall, {time.process_time() - c0:.0f} s CPU")
    log(f"done: best epoch {state.get('best_epoch')} score {state['best_score']:.4f}, "
        f"{state['wall_s'] / 60:.1f} min wall, {state['cpu_s'] / 60:.1f} min CPU")


if __name__ == "__main__":
    main()

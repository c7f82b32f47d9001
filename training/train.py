"""Train the expression CNN on FER2013 train, tune on valid.

  /usr/bin/python3 training/train.py --run main --epochs 30

Resumable: rerunning the same command continues from training/runs/<run>/last.pt. The best
checkpoint by the stated criterion (mean of FER2013 accuracy and FER+ majority accuracy on valid)
is training/runs/<run>/best.pt; export it with training/export.py.
"""
import argparse
import json
import os
import time

# On a machine shared with compile jobs, OpenMP's default spin-waiting makes 2 threads burn ~3x
# the CPU of 1 (measured at load 13: 7.6 s/step vs 2.7 s/step); passive waiting fixes it
# (3.1 s/step). Must be set before torch loads the OpenMP runtime.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

import data  # noqa: E402
import metrics  # noqa: E402
from augment import augment  # noqa: E402
from ckplus_probe import ckplus_summary, load_ckplus  # noqa: E402
from faceapi_net import face_api_student  # noqa: E402
from inference import load_checkpoint, normalise, predict, resume_run, to_input  # noqa: E402
from model import ExpressionNet, count_macs, count_params  # noqa: E402
from teacher import teacher_probabilities  # noqa: E402


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--run", default="main", help="run name: training/runs/<run>/")
    p.add_argument("--data", default=None, help="folder containing fer/ (default $EMOLENS_DATA or ../shared/data)")
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--lr", type=float, default=3e-3, help="peak AdamW learning rate (one-cycle)")
    p.add_argument("--wd", type=float, default=0.05)
    p.add_argument("--fer2013-weight", type=float, default=0.5,
                   help="target = w * one-hot(FER2013) + (1 - w) * FER+ vote distribution")
    p.add_argument("--class-power", type=float, default=0.5,
                   help="loss weight per class = prior^-power (0 = unweighted)")
    p.add_argument("--dropout", type=float, default=0.3)
    p.add_argument("--teachers", default="",
                   help="comma-separated teachers distilled: earlier runs (their best.pt with mirror images) "
                        "or soft-label files (training/softlabels/<run>.npz from softlabels.py)")
    p.add_argument("--teacher-weight", type=float, default=0.5,
                   help="with --teachers: target = (1 - w) * label target + w * teacher probabilities")
    p.add_argument("--widths", type=int, nargs=4, default=list(ExpressionNet.DEFAULT_WIDTHS),
                   help="channels of the 48, 24, 12 and 6 px stages")
    p.add_argument("--arch", choices=("expression", "face-api"), default="expression",
                   help="expression: model.py's ExpressionNet from scratch; face-api: face-api's expression "
                        "network (faceapi_net.py) at 48x48 grey, starting from face-api's weights")
    p.add_argument("--init", default="",
                   help="start from this earlier run's best.pt weights (its widths; fresh optimiser and schedule)")
    p.add_argument("--watch-ckplus", action="store_true",
                   help="also log each epoch's CK+ accuracy and recalls (../shared/data/ckplus: measured, "
                        "never trained on or selected by)")
    p.add_argument("--subset", type=int, default=0, help="train on this many images (0 = all)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=2)
    return p.parse_args()


def validate(model, valid):
    pred = predict(model, valid["x"]).argmax(1)
    return metrics.evaluate(pred, valid["y"], data.ferplus_majority(valid["votes"]))


def log(path, text):
    print(text, flush=True)
    with open(path, "a") as f:
        f.write(text + "\n")


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    run_dir = os.path.join(data.RUNS, args.run)
    os.makedirs(run_dir, exist_ok=True)
    log_path = os.path.join(run_dir, "train.log")
    last_path, best_path = data.checkpoint_path(args.run, "last"), data.checkpoint_path(args.run, "best")

    t_load = time.time()
    d = data.load(args.data)
    train, valid = d["train"], d["valid"]
    if args.subset:
        keep = np.sort(np.random.default_rng(args.seed).permutation(len(train["y"]))[:args.subset])
        train = {k: v[keep] for k, v in train.items()}
    targets = data.soft_targets(train["y"], train["votes"], args.fer2013_weight)
    if args.teachers:
        teacher = teacher_probabilities(args.teachers.split(","), train["x"], train["paths"])
        targets = (1.0 - args.teacher_weight) * targets + args.teacher_weight * teacher
    prior = targets.mean(0)
    class_w = prior ** -args.class_power
    class_w /= (prior * class_w).sum()  # the average sample keeps weight 1
    class_w_t = torch.from_numpy(class_w.astype(np.float32))

    torch.manual_seed(args.seed)
    if args.init:
        model, ck = load_checkpoint(data.checkpoint_path(args.init))
        model.dropout.p = args.dropout
        args.arch = ck["args"].get("arch", "expression")
        args.widths = list(model.widths)  # recorded for resume and export
    elif args.arch == "face-api":
        model = face_api_student(args.dropout).to(memory_format=torch.channels_last)
        args.widths = list(model.widths)
    else:
        model = ExpressionNet(widths=args.widths, dropout=args.dropout).to(memory_format=torch.channels_last)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.wd)
    steps_per_epoch = len(train["y"]) // args.batch  # drop the ragged last batch (BN)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, epochs=args.epochs,
                                                steps_per_epoch=steps_per_epoch, pct_start=0.15)
    state = resume_run(last_path, model, opt, sched, args, ("epochs", "subset"))
    if state is not None:
        log(log_path, f"resumed from {last_path} after epoch {state['epoch']}")
    else:
        state = {"epoch": 0, "best_score": -1.0, "history": [], "wall_s": 0.0}
        log(log_path, f"args {json.dumps(vars(args))}")
        log(log_path, f"model: {count_params(model)} params as exported, "
                      f"{count_macs(model) / 1e6:.1f} M multiply-adds per 48x48 image; torch {torch.__version__}")
        log(log_path, f"train {len(train['y'])} images, valid {len(valid['y'])}; "
                      f"class weights {[round(float(w), 2) for w in class_w]} (order {data.LABELS})")
    log(log_path, f"data ready in {time.time() - t_load:.1f}s")

    ckplus = load_ckplus(os.path.join(data.data_root(args.data), "ckplus")) if args.watch_ckplus else None
    x_all = to_input(train["x"])
    t_all = torch.from_numpy(targets)
    for epoch in range(state["epoch"], args.epochs):
        t0 = time.time()
        model.train()
        torch.manual_seed(args.seed * 1000 + epoch)  # per-epoch seeding: a resumed run replays exactly
        order = torch.from_numpy(np.random.default_rng(args.seed * 1000 + epoch).permutation(len(x_all)))
        total_loss, correct, seen = 0.0, 0, 0
        for step in range(steps_per_epoch):
            idx = order[step * args.batch:(step + 1) * args.batch]
            x = normalise(augment(x_all[idx]))
            t = t_all[idx]
            logits = model(x)
            per_sample = -(F.log_softmax(logits, 1) * t * class_w_t).sum(1)
            loss = per_sample.mean()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            total_loss += loss.item() * len(idx)
            correct += (logits.argmax(1) == t.argmax(1)).sum().item()
            seen += len(idx)
            if (step + 1) % 50 == 0:
                log(log_path, f"  epoch {epoch + 1} step {step + 1}/{steps_per_epoch}  loss {total_loss / seen:.4f}  "
                              f"{(time.time() - t0) / (step + 1):.2f} s/step")
        m = validate(model, valid)
        epoch_s = time.time() - t0
        state["wall_s"] += epoch_s
        state["epoch"] = epoch + 1
        state["history"].append({"epoch": epoch + 1, "loss": total_loss / seen, "seconds": epoch_s,
                                 **{k: m[k] for k in ("fer2013_acc", "ferplus_majority_acc", "macro_f1", "score")}})
        done = state["epoch"]
        eta = state["wall_s"] / done * (args.epochs - done)
        best = m["score"] > state["best_score"]
        if best:
            state["best_score"] = m["score"]
            state["best_epoch"] = done
        ck = {"model": model.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(),
              "state": state, "args": vars(args), "metrics": m, "torch": torch.__version__}
        if best:
            torch.save(ck, best_path + ".tmp")
            os.replace(best_path + ".tmp", best_path)
        torch.save(ck, last_path + ".tmp")
        os.replace(last_path + ".tmp", last_path)  # atomic: a kill mid-save never corrupts the resume point
        log(log_path, f"epoch {done}/{args.epochs}  loss {total_loss / seen:.4f}  train-acc {correct / seen:.4f}  "
                      f"lr {sched.get_last_lr()[0]:.2e}  | valid {metrics.summary(m)}"
                      f"{'  *best*' if best else ''}  | {epoch_s:.0f}s, total {state['wall_s'] / 60:.1f} min, "
                      f"ETA {eta / 60:.1f} min")
        if ckplus:
            log(log_path, f"  CK+ (watched, not selected on): {ckplus_summary(predict(model, ckplus[0]).argmax(1), ckplus[1])}")
    log(log_path, f"done: best epoch {state.get('best_epoch')} score {state['best_score']:.4f}, "
                  f"training wall time {state['wall_s'] / 60:.1f} min")


if __name__ == "__main__":
    main()

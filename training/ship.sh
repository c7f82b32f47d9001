#!/usr/bin/env bash
# Rebuilds the shipped expression model (models/expression.*, run s6_w04) from the data, stage by
# stage, with the recipe its manifest records (provenance.initialised_from):
#   scratch   s4_w05: 28 epochs from scratch, peak lr 3e-3, FER2013 label weight 0.5
#   cycle     s6_ft:  a 12-epoch one-cycle at 1e-3 from s4_w05's best
#   weight    s6_w04: a 12-epoch one-cycle at 1e-3 from s6_ft's best, FER2013 label weight 0.4
#   export    models/ + tests/fixtures/ (export.py: int8 kernels, the manifest's metrics and chain)
#   eval      through wasm with the peers: fer/valid and CK+ crops, LFW photos (emolens eval)
# No teacher is in the shipped chain: every teacher measured so far (faceres fine-tuned, face-api's
# soft labels, face-api's network as the student) ended under it on fer/valid (training/README.md).
# Each stage skips when its output exists; a stopped stage resumes from its last finished epoch
# when the script is rerun (train.py replays a resumed run exactly). One thread, as the shipped runs
# were trained: 52 epochs, about 2 hours of one core on this machine (130 s per epoch). Run from anywhere:
#   bash training/ship.sh            # all stages
#   bash training/ship.sh cycle      # up to and including one stage
# Logs and checkpoints go to training/runs/ (gitignored); every stage runs at nice 19.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
RUNS=training/runs
LOGS=$RUNS/logs
DATA=${EMOLENS_DATA:-../shared/data}
UNTIL=${1:-eval}
mkdir -p "$LOGS"

stage() {  # stage <name> <done-test> <command...>: runs the command unless the test passes
  local name=$1 test=$2
  shift 2
  if eval "$test"; then
    echo "[$name] done already"
  else
    echo "[$name] running: $*"
    local t0=$SECONDS
    nice -n 19 "$@" 2>&1 | tee -a "$LOGS/ship_$name.log"
    echo "[$name] finished in $((SECONDS - t0)) s wall"
  fi
  if [ "$name" = "$UNTIL" ]; then exit 0; fi
}

finished() { [ -f "$RUNS/$1/train.log" ] && grep -q '^done:' "$RUNS/$1/train.log"; }

stage scratch "finished s4_w05" \
  $PY training/train.py --run s4_w05 --epochs 28 --threads 1 --fer2013-weight 0.5
stage cycle "finished s6_ft" \
  $PY training/train.py --run s6_ft --init s4_w05 --lr 1e-3 --epochs 12 --threads 1 --fer2013-weight 0.5
stage weight "finished s6_w04" \
  $PY training/train.py --run s6_w04 --init s6_ft --lr 1e-3 --epochs 12 --threads 1 --fer2013-weight 0.4
stage export "[ -f $RUNS/s6_w04/exported ]" \
  bash -c "$PY training/export.py --run s6_w04 && touch $RUNS/s6_w04/exported"
stage eval "[ -f $RUNS/s6_w04/eval_ckplus.json ]" \
  bash -c "node cli/emolens.mjs eval --dataset $DATA/fer/valid --mode crops --peers --json > $RUNS/s6_w04/eval_fer.json &&
           node cli/emolens.mjs eval --dataset $DATA/lfw --mode photos --peers --json > $RUNS/s6_w04/eval_lfw.json &&
           node cli/emolens.mjs eval --dataset $DATA/ckplus --mode crops --peers --json > $RUNS/s6_w04/eval_ckplus.json"

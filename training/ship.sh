#!/usr/bin/env bash
# Rebuilds the expression model from the data and the npm packages, stage by stage (issue 17):
#   parity   the TF.js -> PyTorch converter against TF.js itself (tfjs_parity.py)
#   probe    frozen face-network features + a softmax head: each teacher's floor (features.py, probe.py)
#   teacher  fine-tune the face teacher on fer/train, select on valid (finetune.py)
#   labels   its mirror-averaged softmax over train -> training/softlabels/<run>.npz (committed)
#   student  distil into the browser network (train.py --teachers <labels>)
#   export   models/ + tests/fixtures/ (export.py)
#   eval     through wasm with the peers, fer/valid crops and LFW photos (emolens eval)
# Each stage skips when its output exists; a stopped stage resumes when the script is rerun
# (finetune.py and train.py continue from their last.pt). Run from anywhere:
#   bash training/ship.sh            # all stages
#   bash training/ship.sh teacher    # up to and including one stage
# Logs and checkpoints go to training/runs/ (gitignored); every stage runs at nice 19.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
RUNS=training/runs
LOGS=$RUNS/logs
TEACHER=faceres
SIZE=112
TEACHER_RUN=t_faceres112
TEACHER_EPOCHS=6
STUDENT_RUN=s8_kd
LABELS=training/softlabels/$TEACHER_RUN.npz
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
    echo "[$name] finished in $((SECONDS - t0)) s wall (CPU time: see $LOGS/ship_$name.log)"
  fi
  if [ "$name" = "$UNTIL" ]; then exit 0; fi
}

finished() { [ -f "$RUNS/$1/train.log" ] && grep -q '^done:' "$RUNS/$1/train.log"; }

stage parity "[ -f $RUNS/parity.ok ]" \
  bash -c "$PY training/tfjs_parity.py && touch $RUNS/parity.ok"
stage probe "[ -f $RUNS/probe_${TEACHER}_$SIZE.json ]" \
  bash -c "$PY training/features.py --teacher $TEACHER --size $SIZE && $PY training/probe.py --teacher $TEACHER --size $SIZE"
stage teacher "finished $TEACHER_RUN || [ -f $LABELS ]" \
  $PY training/finetune.py --teacher $TEACHER --size $SIZE --run $TEACHER_RUN --epochs $TEACHER_EPOCHS
stage labels "[ -f $LABELS ]" \
  $PY training/softlabels.py --run $TEACHER_RUN
stage student "finished $STUDENT_RUN" \
  $PY training/train.py --run $STUDENT_RUN --epochs 28 --teachers "$LABELS" --teacher-weight 0.5
stage export "[ -f $RUNS/$STUDENT_RUN/exported ]" \
  bash -c "$PY training/export.py --run $STUDENT_RUN && touch $RUNS/$STUDENT_RUN/exported"
stage eval "[ -f $RUNS/$STUDENT_RUN/eval_fer.json ] && [ -f $RUNS/$STUDENT_RUN/eval_lfw.json ]" \
  bash -c "node cli/emolens.mjs eval --dataset ../shared/data/fer/valid --mode crops --peers --json > $RUNS/$STUDENT_RUN/eval_fer.json && node cli/emolens.mjs eval --dataset ../shared/data/lfw --mode photos --peers --json > $RUNS/$STUDENT_RUN/eval_lfw.json"

#!/usr/bin/env bash
# Scores `consolidate extract` against the shared gold readings with the shared scorer,
# ../shared/tools/score_extract.py, the one measuring stick every check uses.
#
#   Tests/Eval/eval.sh BIN SHARED STRICT
#
# Prints the scorer's table for the three seeds (SHARED/seeds against SHARED/gold), for the twenty
# web reports (SHARED/web/seeds against SHARED/web/gold), and for the two together. Fails (exit 1)
# when the seeds fall below SEED_FLOORS (what the reading has reached: a regression guard), or,
# with STRICT=1, when the two together fall below ISSUE_FLOORS (issue 11's floors). With STRICT=0
# the shortfall on the two together is printed and does not fail.
set -euo pipefail
bin=${1:?binary}; shared=$(cd "${2:?shared folder}" && pwd); strict=${3:-0}
scorer="$shared/tools/score_extract.py"
ISSUE_FLOORS=${ISSUE_FLOORS:-residue=0.95,keep=0.95,title=0.9,unit=0.9,period=0.8,sections=0.9,items_recall=0.9,items_precision=0.9,metrics_f1=0.95,not_metrics_hit=0,placeholders=0.9,problem_category=0.85}
SEED_FLOORS=${SEED_FLOORS:-residue=1,keep=0.93,title=1,unit=1,period=1,sections=1,items_recall=0.89,items_precision=0.87,metrics_f1=0.93,not_metrics_hit=0,placeholders=0.6,problem_category=1}

t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
mkdir -p "$t/all/gold" "$t/all/seeds"
ln -s "$shared"/gold/*.gold.json "$shared"/web/gold/*.gold.json "$t/all/gold/"
ln -s "$shared"/seeds/*.txt "$shared"/web/seeds/*.txt "$t/all/seeds/"

"$bin" extract "$shared"/seeds/*.txt > "$t/seeds.jsonl"
"$bin" extract "$shared"/web/seeds/*.txt > "$t/web.jsonl"
cat "$t/seeds.jsonl" "$t/web.jsonl" > "$t/all.jsonl"

status=0
echo "== seeds: $shared/seeds against $shared/gold (fails below: $SEED_FLOORS)"
python3 "$scorer" "$t/seeds.jsonl" "$shared/gold" --floors="$SEED_FLOORS" || status=1
echo
echo "== web: $shared/web/seeds against $shared/web/gold"
python3 "$scorer" "$t/web.jsonl" "$shared/web/gold" || true
echo
echo "== seeds and web together (issue floors: $ISSUE_FLOORS)"
if ! python3 "$scorer" "$t/all.jsonl" "$t/all/gold" --floors="$ISSUE_FLOORS" | grep -E '^(total|short)'; then
  if [ "$strict" = 1 ]; then status=1; else echo "(issue floors not yet reached: reported, not failing; EVAL_STRICT=1 makes them fail)"; fi
fi
exit $status

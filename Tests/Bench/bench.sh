#!/usr/bin/env bash
# make bench: times the release binary against the Python peer and the floor (../shared/peer) on
# generated corpora, interleaved, and prints wall time, CPU time, peak RSS, units/s, the ratios to
# the peer and to the floor, and each stage's share of consolidate's run (from its run.json).
#
#   BENCH_SIZES="1000 10000"  corpus sizes (units); corpora are generated once into .build/bench/
#   BENCH_DOCX_PERCENT=70     the share of .docx (written in Word's own markup), the rest .txt
#   BENCH_ROUNDS=3            interleaved rounds; the table shows medians (min–max)
#   BENCH_JOBS=2              the peer's and the floor's worker processes
#   BENCH_PEER_MAX=10000      the peer runs on corpora up to this size only (at 100k it needs ~20 GB and
#                             half an hour a round); consolidate and the floor run on every size
# After the rounds, three nightly reruns of consolidate on each size, into the output of a run that
# saved its state: one with nothing changed, a second with nothing changed (which keeps the first's
# outputs), one with 1 % of the .txt files changed (a line added, in a copy of the corpus); their
# wall time is shown against the full run's.
# A benchmark, never a test: the machine is noisy, so compare only figures of one sitting.
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARED=${SHARED:-../shared}
sizes=${BENCH_SIZES:-1000 10000}
rounds=${BENCH_ROUNDS:-3}
jobs=${BENCH_JOBS:-2}
peer_max=${BENCH_PEER_MAX:-10000}
docx_percent=${BENCH_DOCX_PERCENT:-70}
bin=.build/release/consolidate
work=.build/bench
mkdir -p "$work"

for n in $sizes; do
  corpus="$work/corpus-$n-docx$docx_percent"
  if [ ! -f "$corpus/roster.csv" ]; then
    rm -rf "$corpus"
    BENCH_CORPUS="$PWD/$corpus" BENCH_UNITS=$n BENCH_DOCX_PERCENT=$docx_percent swift test --skip-build --disable-xctest --filter BenchCorpus 2>&1 | grep '^bench corpus' || true
  fi
done

# One timed run: label, then the command. Appends "label wall cpu rssKiB" to $work/times.
# The disk's queue is emptied first (`sync`): a full run leaves up to gigabytes of written pages, and a
# run that starts while the kernel still writes them out waits behind them (one 100k run right after
# others took 69 s to ingest, most of its first 30 s blocked on the disk; after a sync, 20 s).
timed() {
  local label=$1; shift
  sync
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" > "$work/last.log" 2>&1 || true
  read -r wall user sys rss < <(tail -n 1 "$work/time.txt")
  echo "$label $wall $(awk "BEGIN { print $user + $sys }") $rss" >> "$work/times"
}

: > "$work/times"
: > "$work/stages"
# The sizes interleaved within each round, so that the sizes' runs of one round are of one stretch of
# the machine's load: how the run grows with the corpus is measured per round (a 10k run and a 100k
# run an hour apart differed by a third in the floor's time alone).
for round in $(seq 1 "$rounds"); do
  for n in $sizes; do
    corpus="$work/corpus-$n-docx$docx_percent"
    # Each size's full run into an output of its own: the last round's is where its reruns start.
    rm -rf "$work/out-c-$n" "$work/out-p"
    timed "consolidate:$n" "$bin" run --input "$corpus" --out "$work/out-c-$n" --pipeline Pipelines/default.yml --full --no-progress
    python3 - "$work/out-c-$n/run.json" "$n" >> "$work/stages" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); t = r.get("timings", {})
print(sys.argv[2], " ".join(f"{k}={t[k]}" for k in ("ingest", "normalize", "extract", "merge", "render") if k in t))
PY
    if [ "$n" -le "$peer_max" ]; then
      timed "peer:$n" python3 "$SHARED/peer/peer_consolidate.py" --input "$corpus" --out "$work/out-p" --jobs "$jobs"
    fi
    timed "floor:$n" python3 "$SHARED/peer/floor.py" --input "$corpus" --jobs "$jobs"
  done
done
rm -rf "$work/out-p"

for n in $sizes; do
  corpus="$work/corpus-$n-docx$docx_percent"
  # Nightly reruns. The last round's --full run saved the store; a copy of the corpus (hard links)
  # keeps the files' times, so an unchanged rerun finds every file in the store.
  rm -rf "$work/rerun-$n" && cp -al "$corpus" "$work/rerun-$n"
  timed "rerun-unchanged:$n" "$bin" run --input "$work/rerun-$n" --out "$work/out-c-$n" --pipeline Pipelines/default.yml --no-progress
  # A second unchanged night: the first said nothing changed, so its outputs are what this one
  # would write, and are kept (no merge, no render).
  timed "rerun-again:$n" "$bin" run --input "$work/rerun-$n" --out "$work/out-c-$n" --pipeline Pipelines/default.yml --no-progress
  count=0
  # 1 % of the corpus' files, .txt ones spread evenly over them (the generator's share of .txt varies).
  texts=$(ls "$work/rerun-$n" | grep -c '\.txt$')
  want=$(( n / 100 > 0 ? n / 100 : 1 ))
  step=$(( texts / want > 0 ? texts / want : 1 ))
  for file in $(ls "$work/rerun-$n" | grep '\.txt$' | awk -v step="$step" 'NR % step == 0' | head -n "$want"); do
    path="$work/rerun-$n/$file"
    cp --remove-destination "$corpus/$file" "$path"
    # Added in the file's own encoding, as a unit editing its report would save it: UTF-8 bytes
    # after GB18030 text make a file no reader can decode (it would be quarantined, not changed).
    python3 - "$path" <<'PY'
import sys
path = sys.argv[1]
data = open(path, "rb").read()
if data.startswith(b"\xff\xfe"): codec = "utf-16-le"
elif data.startswith(b"\xfe\xff"): codec = "utf-16-be"
else:
    try:
        data.decode("utf-8")
        codec = "utf-8"
    except UnicodeDecodeError:
        codec = "gb18030"
open(path, "ab").write("\n另外，本季度还开展了一次党员志愿服务活动。\n".encode(codec))
PY
    count=$((count + 1))
  done
  echo "rerun $n: $count .txt files changed" >> "$work/stages"
  timed "rerun-1%:$n" "$bin" run --input "$work/rerun-$n" --out "$work/out-c-$n" --pipeline Pipelines/default.yml --no-progress
  rm -rf "$work/rerun-$n"
done

python3 - "$work/times" "$work/stages" "$sizes" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    label, wall, cpu, rss = line.split()
    rows.setdefault(label, []).append((float(wall), float(cpu), int(rss)))
stages = {}
for line in open(sys.argv[2]):
    if line.startswith("rerun"): continue
    n, *parts = line.split()
    for p in parts:
        k, v = p.split("="); stages.setdefault(n, {}).setdefault(k, []).append(float(v))
def med(xs): return statistics.median(xs)
def span(xs): return f"{med(xs):.2f} ({min(xs):.2f}–{max(xs):.2f})"
print(f"{'tool':<12} {'units':>6} {'wall s':>22} {'cpu s':>10} {'peak RSS MB':>12} {'units/s':>9} {'× peer':>8} {'× floor':>8}")
for n in sys.argv[3].split():
    walls = {t: [r[0] for r in rows.get(f"{t}:{n}", [])] for t in ("consolidate", "peer", "floor")}
    for tool in ("consolidate", "peer", "floor"):
        rs = rows.get(f"{tool}:{n}")
        if not rs: continue
        w = [r[0] for r in rs]; c = [r[1] for r in rs]; m = [r[2] / 1024 for r in rs]
        vs = lambda other: f"{med(w) / med(walls[other]):.2f}" if walls[other] else "-"
        print(f"{tool:<12} {n:>6} {span(w):>22} {med(c):>10.1f} {max(m):>12.0f} {int(n) / med(w):>9.0f} {vs('peer'):>8} {vs('floor'):>8}")
    full = walls["consolidate"]
    for kind in ("rerun-unchanged", "rerun-again", "rerun-1%"):
        rs = rows.get(f"{kind}:{n}")
        if not rs or not full: continue
        w = rs[0][0]
        print(f"{kind:<12} {n:>6} {w:>22.2f} {rs[0][1]:>10.1f} {rs[0][2] / 1024:>12.0f} {'':>9} {'':>8} {'':>8}  = {100 * w / med(full):.1f} % of the full run")
    if n in stages:
        total = sum(med(v) for v in stages[n].values())
        print(f"{'':<12} {'':>6} consolidate stages (ms, median, share): " + ", ".join(
            f"{k} {med(v):.0f} ({100 * med(v) / total:.0f} %)" for k, v in stages[n].items()))
# How consolidate's full run grows with the corpus: each size against the one before it, round by
# round (the two runs of a round are minutes apart, those of different rounds may not be).
measured = [n for n in sys.argv[3].split() if rows.get(f"consolidate:{n}")]
for small, large in zip(measured, measured[1:]):
    ratios = [b[0] / a[0] for a, b in zip(rows[f"consolidate:{small}"], rows[f"consolidate:{large}"])]
    print(f"consolidate {large} against {small}: {span(ratios)} × the wall time for {int(large) / int(small):.0f} × the units"
          f" (per round; median (min–max) of {len(ratios)})")
PY

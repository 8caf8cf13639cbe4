#!/usr/bin/env bash
# Runs the libFuzzer harness (Sources/consolidate-fuzz) for SECONDS, seeded from Samples/ and the
# small hostile cases, and counts what it found. Usage: Tests/Fuzz/fuzz.sh HARNESS SECONDS [WORKDIR]
#
# Inputs that crash, run past 10 s (a hang) or pass 2 GB land in WORKDIR/artifacts; the run goes
# on after each (fork mode), and the script fails if there is any. A crash or hang found becomes a
# regression test: write its input from code in Tests/ConsolidateCoreTests/Hostile/FuzzRegressionTests.swift.
set -euo pipefail
harness=$1
seconds=$2
work=${3:-.fuzz}
cd "$(dirname "$0")/../.."
mkdir -p "$work/seeds" "$work/corpus" "$work/artifacts"
# Seeds: every sample as it is and, for a .docx, spelled as its parts (see the harness), and the
# hostile cases under 64 KB.
python3 - "$work/seeds" <<'PY'
import os, sys, zipfile, io
sys.path.insert(0, "Tests/Hostile")
import hostile
out = sys.argv[1]
def parts(data):
    b = bytearray(b"FZDX")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in z.infolist():
            content = z.read(info)
            name = info.filename.encode()
            if len(name) < 256 and len(content) < 1 << 24:
                b += bytes([len(name)]) + name + len(content).to_bytes(3, "little") + content
    return bytes(b)
for index, name in enumerate(sorted(os.listdir("Samples"))):
    data = open(os.path.join("Samples", name), "rb").read()
    open(os.path.join(out, f"sample-{index}-raw"), "wb").write(data)
    if name.endswith(".docx"):
        try:
            open(os.path.join(out, f"sample-{index}-parts"), "wb").write(parts(data))
        except zipfile.BadZipFile:
            pass
for index, (name, content, _) in enumerate(hostile.cases("Samples")):
    if isinstance(content, bytes) and len(content) < 1 << 16:
        open(os.path.join(out, f"hostile-{index}"), "wb").write(content)
PY
log="$work/fuzz.log"
echo "fuzzing for ${seconds}s: $(ls "$work/seeds" | wc -l) seeds, $(ls "$work/corpus" | wc -l) inputs in the corpus; log in $log"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}
set +e
"$harness" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
  -dict=Tests/Fuzz/ooxml.dict -artifact_prefix="$work/artifacts/" -print_final_stats=1 \
  "$work/corpus" "$work/seeds" >"$log" 2>&1
status=$?
set -e
# In fork mode each status line reads `#N: cov: … exec/s: … oom/timeout/crash: O/T/C time: …`.
last=$(grep -E '^#[0-9]+: cov' "$log" | tail -1 || true)
executions=$(printf '%s' "$last" | sed -nE 's/^#([0-9]+):.*/\1/p')
crashes=$(ls "$work/artifacts" | grep -c '^crash-' || true)
timeouts=$(ls "$work/artifacts" | grep -c '^timeout-' || true)
ooms=$(ls "$work/artifacts" | grep -c '^oom-' || true)
drops=$(grep -c 'silent drop' "$log" || true)
echo "fuzz: ${executions:-0} executions in ${seconds}s; crashes ${crashes}, hangs over 10 s ${timeouts}, out of memory ${ooms}, silent drops ${drops} (libFuzzer exit ${status})"
echo "last status: ${last}"
if [ -z "$executions" ]; then
  echo "fuzz: libFuzzer did not run; see $log"
  tail -5 "$log"
  exit 1
fi
if [ "$crashes" -gt 0 ] || [ "$timeouts" -gt 0 ] || [ "$ooms" -gt 0 ] || [ "$drops" -gt 0 ]; then
  echo "fuzz: inputs in $work/artifacts (replay one: swift run consolidate-fuzz FILE)"
  exit 1
fi

# Wraps SwiftPM in one-liners. `make consolidate` and `make test` install what a
# new machine lacks first (Debian packages; run as root or with sudo).

SWIFT     ?= swift
INPUT     ?= Samples
OUT       ?= out
PIPELINE  ?= Pipelines/default.yml
ROSTER    ?=
RELEASE_BIN = .build/release/consolidate
DEB_PACKAGES = libxml2-dev zlib1g-dev libsqlite3-dev libjemalloc-dev pkg-config python3 libreoffice-writer-nogui poppler-utils fonts-noto-cjk
# For the browser test of `consolidate review` only: installed by `make test` where missing; where they
# cannot be installed, the browser test is skipped with a note. (fonts-noto-cjk, in DEB_PACKAGES, is
# what real Chinese documents are set in; the PDF reader measures lines by their width in it.)
BROWSER_PACKAGES = chromium chromium-driver
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

SHARED    ?= ../shared
# 1 once issue 11's floors are reached on the seeds and web reports together: then make eval fails below them.
EVAL_STRICT ?= 0

.PHONY: deps browser-deps test-browser build release consolidate test eval eval-built benchmark bench clean screenshot hostile hostile-large fuzz fuzz-build sanitize

# make fuzz: how long libFuzzer runs, in seconds; where its corpus and findings go.
SECONDS   ?= 60
FUZZ_DIR  ?= .fuzz

## deps: install the system packages the build needs, if any is missing
deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

## browser-deps: Chromium and its WebDriver for the review page's browser test, if any is missing (failure tolerated)
browser-deps:
	@missing=""; for p in $(BROWSER_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; } \
	    || echo "note: could not install$$missing; the browser test will be skipped"; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product consolidate

## consolidate: run the pipeline over INPUT into OUT (exit 3 = done, some files quarantined)
consolidate: release
	@$(RELEASE_BIN) run --input "$(INPUT)" --out "$(OUT)" --pipeline "$(PIPELINE)" $(if $(ROSTER),--roster "$(ROSTER)") \
	  || { code=$$?; [ $$code -eq 3 ] && echo "note: some submissions were quarantined; see $(OUT)/run.json"; [ $$code -eq 3 ]; }

## test: build everything, score against ../shared/gold where present, run every test, then the review page in headless Chromium
test: deps browser-deps
	$(SWIFT) build --build-tests
	@if [ -d "$(SHARED)/gold" ] && [ -f "$(SHARED)/tools/score_extract.py" ]; then $(MAKE) --no-print-directory eval-built; else echo "eval: $(SHARED)/gold not found, skipped"; fi
	$(SWIFT) test --skip-build --disable-xctest
	$(MAKE) --no-print-directory test-browser
	$(MAKE) --no-print-directory hostile

## test-browser: drives `consolidate review` in headless Chromium through WebDriver (screenshots in /tmp)
test-browser:
	python3 Tests/Browser/review_browser_test.py .build/debug/consolidate $(PIPELINE)

## hostile: the hostile suite (Tests/Hostile/hostile.py): zip bombs, lies, XXE, deep nesting, bad encodings,
## special files and names … with Samples/ in one run; each quarantined or skipped with its reason, < 1 s, bounded RSS
hostile:
	@test -x .build/debug/consolidate || $(SWIFT) build --product consolidate
	Tests/Hostile/hostile.py .build/debug/consolidate --table .build/hostile-table.md

## hostile-large: the hostile suite on the release binary, its single-paragraph reports at 20 MB (each < 20 s, < 1 GB)
hostile-large: release
	Tests/Hostile/hostile.py $(RELEASE_BIN) --large-mb 20 --table .build/hostile-large-table.md

## fuzz: libFuzzer over ingest → normalize → extract (Sources/consolidate-fuzz) for SECONDS seconds, seeded
## from Samples/ and the small hostile cases; fails on any crash, hang over 10 s, out-of-memory or silent drop
fuzz: fuzz-build
	Tests/Fuzz/fuzz.sh .build-fuzz/release/consolidate-fuzz $(SECONDS) $(FUZZ_DIR)

# Optimised, with AddressSanitizer; -Xswiftc -sanitize=fuzzer puts libFuzzer's coverage into the Swift
# modules too (SwiftPM's --sanitize=fuzzer alone instruments only the C ones).
fuzz-build: deps
	$(SWIFT) build -c release --scratch-path .build-fuzz --product consolidate-fuzz --sanitize=fuzzer --sanitize=address \
	  -Xswiftc -sanitize=fuzzer -Xswiftc -DLIBFUZZER

## sanitize: the tests under AddressSanitizer (all of them) and ThreadSanitizer, each in its own build folder
## (.build-asan, .build-tsan). ThreadSanitizer runs only the suites that read files in parallel, take the
## lock or run whole pipelines (SANITIZE_TSAN_FILTER; empty for all): the rest is single-threaded.
SANITIZE_TSAN_FILTER ?= Concurrency|Nightly|RunLock|Interrupted|SampleFigures|FileTimeLimit|RunOutput|EndToEnd|Accounting
sanitize: deps
	$(SWIFT) build --build-tests --scratch-path .build-asan --sanitize=address
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --skip-build --disable-xctest --scratch-path .build-asan --sanitize=address
	$(SWIFT) build --build-tests --scratch-path .build-tsan --sanitize=thread
	$(SWIFT) test --skip-build --disable-xctest --scratch-path .build-tsan --sanitize=thread $(if $(SANITIZE_TSAN_FILTER),--filter '$(SANITIZE_TSAN_FILTER)')

## eval: score extract over $(SHARED)/seeds and $(SHARED)/web/seeds with $(SHARED)/tools/score_extract.py
eval: build eval-built

eval-built:
	Tests/Eval/eval.sh .build/debug/consolidate "$(SHARED)" $(EVAL_STRICT)

## benchmark: the nightly benchmark on the release binary: a full run over NIGHTLY_COUNT (default 3000)
## generated submissions, an unchanged rerun and a rerun with 1 % changed; prints times, files read and peak memory.
## (MergeBenchmark needs a release test build:
##  BENCHMARK=1 swift test -c release -Xswiftc -enable-testing --disable-xctest --filter MergeBenchmark)
benchmark: release
	$(SWIFT) build --build-tests
	BENCHMARK=1 $(SWIFT) test --skip-build --disable-xctest --filter NightlyBenchmark

## bench: times the release binary against $(SHARED)/peer (the Python peer and the floor) on generated
## corpora of BENCH_SIZES units (default "1000 10000"), BENCH_ROUNDS interleaved rounds (default 3); prints the table
bench: release
	$(SWIFT) build --build-tests
	@python3 -c 'import docx, datasketch, lxml' 2>/dev/null || python3 -m pip install -q python-docx datasketch lxml
	SHARED="$(SHARED)" Tests/Bench/bench.sh

## screenshot: render OUT/review.html in headless Chromium (Debian's chromium) to OUT/review.png
screenshot:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; }
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,2000 \
	  --screenshot="$(abspath $(OUT))/review.png" "file://$(abspath $(OUT))/review.html"

clean:
	rm -rf .build .build-fuzz .build-asan .build-tsan .fuzz out

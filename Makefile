# Wraps SwiftPM in one-liners. `make consolidate` and `make test` install what a
# new machine lacks first (Debian packages; run as root or with sudo).

SWIFT     ?= swift
INPUT     ?= Samples
OUT       ?= out
PIPELINE  ?= Pipelines/default.yml
ROSTER    ?=
RELEASE_BIN = .build/release/consolidate
DEB_PACKAGES = libxml2-dev zlib1g-dev libsqlite3-dev pkg-config python3 libreoffice-writer-nogui poppler-utils fonts-noto-cjk
# For the browser test of `consolidate review` only: installed by `make test` where missing; where they
# cannot be installed, the browser test is skipped with a note. (fonts-noto-cjk, in DEB_PACKAGES, is
# what real Chinese documents are set in; the PDF reader measures lines by their width in it.)
BROWSER_PACKAGES = chromium chromium-driver
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

SHARED    ?= ../shared
# 1 once issue 11's floors are reached on the seeds and web reports together: then make eval fails below them.
EVAL_STRICT ?= 0

.PHONY: deps browser-deps test-browser build release consolidate test eval eval-built benchmark bench clean screenshot

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

## test-browser: drives `consolidate review` in headless Chromium through WebDriver (screenshots in /tmp)
test-browser:
	python3 Tests/Browser/review_browser_test.py .build/debug/consolidate $(PIPELINE)

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
	rm -rf .build out

# IoTFin Workstation: `make run` opens the app, `make test` runs the tests.
# Each target first creates .venv, installs the project and, on Debian/Ubuntu, the Qt runtime
# libraries that are missing. Extra arguments for the app: make run ARGS="--db my.sqlite".

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: run test test-min setup lint bench screenshots translations dist clean

run: $(STAMP)
	@sh scripts/qt-runtime-deps.sh window
	$(PY) main.py $(ARGS)

test: $(STAMP)
	@sh scripts/qt-runtime-deps.sh offscreen
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n 2 $(PYTEST_ARGS)

# The core tests against the floor of every dependency (requirements-min.txt), in .venv-min.
test-min:
	sh scripts/test-min-deps.sh $(PYTEST_ARGS)

setup: $(STAMP)

$(STAMP): pyproject.toml
	@sh scripts/ensure-venv.sh "$(PYTHON)" "$(VENV)"
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

lint: $(STAMP)
	$(VENV)/bin/ruff check iotfin_gui tests bench main.py

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/bench_startup.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/bench_ui_responsiveness.py

screenshots: $(STAMP)
	@sh scripts/qt-runtime-deps.sh window
	QT_QPA_PLATFORM=offscreen $(PY) main.py --db "$$(mktemp -d)/demo.sqlite" \
		--screenshot resources/screenshots/main-window.png
	db="$$(mktemp -d)/demo.sqlite"; shots=""; \
	$(PY) main.py demo --db "$$db" && \
	$(PY) main.py forecast --db "$$db" --dataset demo_withdrawals --horizon 28 \
		--out "$${db%/*}/forecast.csv" && \
	$(PY) main.py train --db "$$db" --dataset demo_credit_applications --target defaulted \
		--task classification --models baseline,logistic,random_forest,hist_gb || exit 1; \
	for panel in data fleet forecast models; do \
		QT_QPA_PLATFORM=offscreen $(PY) main.py --db "$$db" --lang zh_CN --panel $$panel \
			--screenshot "$${db%/*}/$$panel.png" || exit 1; shots="$$shots $${db%/*}/$$panel.png"; \
	done; \
	QT_QPA_PLATFORM=offscreen $(PY) scripts/compose-screenshots.py \
		resources/screenshots/zh-CN-panels.png $$shots

translations: $(STAMP)
	sh scripts/update-translations.sh

# The offline bundle in dist/: version lock, wheel, wheelhouse, frozen app (smoke-tested), archive.
dist: $(STAMP)
	$(PY) -m pip install --quiet -e ".[test,dist]"
	@sh scripts/qt-runtime-deps.sh offscreen
	$(PY) scripts/make_dist.py

clean:
	rm -rf $(VENV) .venv-min .pytest_cache .ruff_cache .hypothesis build dist *.egg-info

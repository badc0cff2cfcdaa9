# halodb: a results database and report generator for llama.cpp benchmarks.
#
#   make            build ./halodb
#   make deps       install missing Debian packages (apt-get, sudo if needed)
#   make demo       deps + build + ingest the bundled fixture + write site/
#   make test       deps + build + unit, golden CLI and corpus tests
#   make asan       the same tests on an ASan+UBSan build
#   make valgrind   the same tests under valgrind
#   make bench      speed and memory of ingest, queries and the report,
#                   next to sqlite3's .import (BENCHMARKS.md)
#   make fuzz       libFuzzer over every parser and the report escaping
#   make install PREFIX=/usr/local
#   make DEVELOPER=1 ...   adds -Werror and stricter warnings

VERSION = 0.1.0
PREFIX ?= /usr/local
O ?= build
CC ?= cc
CXX ?= c++
CFLAGS ?= -O2 -g
CXXFLAGS ?= -O2 -g

DEB_PACKAGES = libsqlite3-dev libcsv-dev libcairo2-dev libjansson-dev \
	libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev \
	libpng-dev libsimdjson-dev g++ fonts-dejavu-core pkg-config
PKGS = sqlite3 cairo fontconfig libpng jansson libcmark-gfm yaml-0.1 simdjson

WARN = -Wall -Wextra
ifdef DEVELOPER
WARN += -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wpointer-arith -Wformat=2 -Wundef -Wvla
endif
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = -std=gnu11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(EXTRA_CFLAGS) \
	$(PKG_CFLAGS) -DHALODB_VERSION='"$(VERSION)"'
# The one C++ file (ingest/jsonfast.cpp, the shim to simdjson) reports
# errors as values: no exceptions, no RTTI.
ALL_CXXFLAGS = -std=gnu++17 \
	$(filter-out -Wstrict-prototypes -Wmissing-prototypes,$(WARN)) $(CXXFLAGS) \
	$(EXTRA_CFLAGS) $(PKG_CFLAGS) -DSIMDJSON_EXCEPTIONS=0 -fno-exceptions \
	-fno-rtti
# Debian's libcmark-gfm.pc may or may not name the GFM extensions.
# libcsv has no .pc file at all.
LIBS = $(PKG_LIBS) \
	$(if $(findstring cmark-gfm-extensions,$(PKG_LIBS)),,-lcmark-gfm-extensions) \
	-lcsv -lstdc++ -lm

LIB_SRC = util.c \
	ingest/ingest.c ingest/sniff.c ingest/jsonstream.c \
	ingest/llamabench.c ingest/benchmd.c ingest/benchcsv.c \
	ingest/llamalog.c ingest/serverjson.c ingest/failure.c \
	ingest/lmeval.c ingest/evalplus.c ingest/niah.c ingest/aider.c \
	ingest/host.c ingest/sha256.c ingest/sink.c ingest/jsonutil.c \
	ingest/published.c ingest/benchplan.c ingest/died.c ingest/halorun.c \
	ingest/check.c \
	schema/store.c schema/models.c schema/hosts.c schema/doctor.c \
	$(sort $(wildcard query/*.c)) \
	render/table.c render/html.c render/site.c \
	render/layout.c render/chart.c \
	$(sort $(wildcard run/*.c))
LIB_CXX_SRC = ingest/jsonfast.cpp
GEN_SRC = $(O)/gen/schema_files.c $(O)/gen/schema_fresh.c \
	$(O)/gen/template_files.c $(O)/gen/profile_files.c \
	$(O)/gen/view_docs.c
LIB_OBJ = $(LIB_SRC:%.c=$(O)/%.o) $(LIB_CXX_SRC:%.cpp=$(O)/%.o) \
	$(GEN_SRC:%.c=%.o)
HEADERS = $(wildcard *.h */*.h)
SCHEMA = $(sort $(wildcard schema/*.sql))
TEMPLATES = $(sort $(wildcard templates/*))
PROFILES = $(sort $(wildcard data/profiles/*.profile))
UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(O)/tests/%) \
	$(O)/tests/test_fuzz_parsers $(O)/tests/test_fuzz_render
BIN = $(if $(filter build,$(O)),halodb,$(O)/halodb)

.PHONY: all deps demo test unit asan valgrind bench fuzz install clean
all: $(BIN)

$(BIN): $(O)/halodb.o $(LIB_OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(O)/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(O)/%.o: %.cpp $(HEADERS)
	@mkdir -p $(dir $@)
	$(CXX) $(ALL_CXXFLAGS) -c -o $@ $<

$(O)/gen/%.o: $(O)/gen/%.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(O)/gen/schema_files.c: $(SCHEMA) schema/embed.awk
	@mkdir -p $(dir $@)
	awk -v sym=hdb_schema_files -f schema/embed.awk $(SCHEMA) > $@.tmp
	mv $@.tmp $@

# The schema the migrations leave, for a new store (schema/schemagen.c)
$(O)/gen/schemagen: schema/schemagen.c $(O)/gen/schema_files.o
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ -lsqlite3

$(O)/gen/schema_fresh.sql: $(O)/gen/schemagen
	$(O)/gen/schemagen > $@.tmp
	mv $@.tmp $@

$(O)/gen/schema_fresh.c: $(O)/gen/schema_fresh.sql schema/embed.awk
	awk -v sym=hdb_schema_fresh -f schema/embed.awk $< > $@.tmp
	mv $@.tmp $@

# The public views' documentation, read off README.md: `sql --help`
# lists the views (view_docs.h), `sql --schema` prints their columns.
$(O)/gen/view_docs.c $(O)/gen/view_docs.h: $(O)/gen/view_docs.%: README.md schema/viewdoc.awk
	@mkdir -p $(dir $@)
	awk -v out=$* -f schema/viewdoc.awk README.md > $@.tmp
	mv $@.tmp $@

$(O)/halodb.o: $(O)/gen/view_docs.h
$(O)/halodb.o: ALL_CFLAGS += -I$(O)/gen

$(O)/gen/template_files.c: $(TEMPLATES) schema/embed.awk
	@mkdir -p $(dir $@)
	awk -v sym=hdb_template_files -f schema/embed.awk $(TEMPLATES) > $@.tmp
	mv $@.tmp $@

$(O)/gen/profile_files.c: $(PROFILES) schema/embed.awk
	@mkdir -p $(dir $@)
	awk -v sym=hdb_profile_files -f schema/embed.awk $(PROFILES) > $@.tmp
	mv $@.tmp $@

$(O)/tests/%: tests/unit/%.c tests/unit/harness.h tests/unit/qfixture.h $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_OBJ) $(LIBS)

# The fuzz targets without libFuzzer, over the inputs kept in the tree
# (tests/fuzz/replay.c): every fixture through every parser, and the
# render seeds (crash inputs among them) through the escaping checks.
REPLAY_DIRS_parsers = $(CURDIR)/tests/fixtures
REPLAY_DIRS_render = $(CURDIR)/tests/fuzz/render-seeds
$(O)/tests/test_fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/unit/harness.h $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -DREPLAY_DIRS='"$(REPLAY_DIRS_$*)"' -o $@ \
		tests/fuzz/replay.c $< $(LIB_OBJ) $(LIBS)

$(O)/tests/benchrun: tests/benchrun.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $<

$(O)/tests/benchgen: tests/benchgen.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< -lm

# Installs whatever Debian package is missing; does nothing when all are
# there.  apt-get update runs only if a first install attempt fails.
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
		echo "installing:$$missing"; \
		$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing || \
		{ $$sudo apt-get update -q && \
		  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; }; \
	fi

unit: $(BIN) $(UNIT_BIN)

test: deps
	@$(MAKE) --no-print-directory unit
	@HALODB=$(abspath $(BIN)) UNIT_DIR=$(abspath $(O)/tests) tests/run.sh

asan: deps
	@$(MAKE) --no-print-directory O=build/asan \
		EXTRA_CFLAGS="-O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		LDFLAGS="-fsanitize=address,undefined" unit
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	 HALODB=$(abspath build/asan/halodb) UNIT_DIR=$(abspath build/asan/tests) \
	 tests/run.sh

valgrind: deps
	@$(MAKE) --no-print-directory unit
	@HALODB_WRAP="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect" \
	 HALODB=$(abspath $(BIN)) UNIT_DIR=$(abspath $(O)/tests) tests/run.sh

bench: deps
	@$(MAKE) --no-print-directory $(BIN) $(O)/tests/benchrun $(O)/tests/benchgen
	@HALODB=$(abspath $(BIN)) BENCHRUN=$(abspath $(O)/tests/benchrun) \
	 BENCHGEN=$(abspath $(O)/tests/benchgen) tests/bench.sh

# Coverage-guided fuzzing (clang's libFuzzer, ASan+UBSan), FUZZ_SECONDS
# per target: every parser and the sniffer (fuzz_parsers, seeded with the
# test fixtures) and the report's escaping (fuzz_render).  FUZZ_JOBS
# workers each; logs and crash-* inputs land in build/fuzz/TARGET.out/.
# A crash input becomes a fixture (tests/fixtures/ for the parsers,
# tests/fuzz/render-seeds/ for the escaping): make test replays them.
FUZZ_SECONDS ?= 60
FUZZ_JOBS ?= 1
FUZZ_TARGETS = fuzz_parsers fuzz_render
FUZZ_FLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
fuzz: deps
	@$(MAKE) --no-print-directory O=build/fuzz CC=clang CXX=clang++ \
		EXTRA_CFLAGS="$(FUZZ_FLAGS)" build/fuzz/lib.stamp
	for t in $(FUZZ_TARGETS); do \
		clang -std=gnu11 -D_GNU_SOURCE $(FUZZ_FLAGS) -fsanitize=fuzzer \
			$(PKG_CFLAGS) -o build/fuzz/$$t tests/fuzz/$$t.c \
			$(LIB_SRC:%.c=build/fuzz/%.o) $(LIB_CXX_SRC:%.cpp=build/fuzz/%.o) \
			$(GEN_SRC:build/%.c=build/fuzz/%.o) \
			$(LIBS) || exit 1; \
	done
	@mkdir -p build/fuzz/corpus build/fuzz/corpus-render
	cp -f $$(find tests/fixtures -type f -size -256k) build/fuzz/corpus/ 2>/dev/null; \
	cp -f tests/fuzz/render-seeds/* build/fuzz/corpus-render/ 2>/dev/null; \
	for t in $(FUZZ_TARGETS); do \
		corpus=corpus; [ $$t = fuzz_render ] && corpus=corpus-render; \
		mkdir -p build/fuzz/$$t.out && \
		(cd build/fuzz/$$t.out && ../$$t -max_total_time=$(FUZZ_SECONDS) \
			-max_len=65536 -timeout=10 -jobs=$(FUZZ_JOBS) \
			-workers=$(FUZZ_JOBS) ../$$corpus) || exit 1; \
	done

$(O)/lib.stamp: $(LIB_OBJ)
	@touch $@

# The demo's page is committed and reproduced byte for byte (tests/cli/
# demo.t): its date is fixed, not the day make demo ran.
DEMO_EPOCH = 1795737600
DEMO_TITLE = Strix Halo vs an A30: the seeds' published numbers
demo: deps
	@$(MAKE) --no-print-directory $(BIN)
	rm -f demo.db demo.db-wal demo.db-shm
	./$(BIN) --db demo.db ingest data/published/
	SOURCE_DATE_EPOCH=$(DEMO_EPOCH) ./$(BIN) --db demo.db report --out site \
		--hosts a30,strix-halo --title "$(DEMO_TITLE)"
	@echo "open site/index.html"

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/halodb/templates
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/halodb
	install -m 644 $(TEMPLATES) $(DESTDIR)$(PREFIX)/share/halodb/templates/
	cp -R data $(DESTDIR)$(PREFIX)/share/halodb/

clean:
	rm -rf build halodb

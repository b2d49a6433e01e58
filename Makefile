# egreport - batch ETL and report compiler for provincial e-government figures.
#
#   make            build ./egreport
#   make demo       install missing packages, build, run the 2020 demo
#   make test       install what the tests need, build, run every test
#   make asan       the same tests under AddressSanitizer + UBSan
#   make tsan       the same tests under ThreadSanitizer (not in CI)
#   make valgrind   the same tests with every run under valgrind (no error, no leak)
#   make fuzz       each libFuzzer target of tests/fuzz/ for FUZZ_SECONDS (clang)
#   make bench      print performance figures (never part of the tests)
#   make install    PREFIX=/usr/local DESTDIR=
#   V=1             show the commands;  WERROR=1 (default in CI) -Werror

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
DATADIR  ?= $(PREFIX)/share
DOCDIR   ?= $(DATADIR)/doc/egreport
MANDIR   ?= $(DATADIR)/man
CC       ?= cc
CFLAGS   ?= -O2 -g
BUILD    ?= build
SANITIZE ?=
PYTHON   ?= /usr/bin/python3

VERSION  := $(shell cat VERSION 2>/dev/null || echo 0.0.0)

WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wformat=2 -Wvla -Wno-format-nonliteral
ifneq ($(CI),)
WERROR ?= 1
endif
ifeq ($(WERROR),1)
WARN += -Werror
endif

PKGS_LIBS := xlsxwriter libpcre2-8 libutf8proc libzip expat
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS_LIBS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS_LIBS) 2>/dev/null || echo -lxlsxwriter -lpcre2-8 -lutf8proc -lzip -lexpat)

ALL_CFLAGS := -std=c11 -D_GNU_SOURCE -Isrc $(WARN) $(PKG_CFLAGS) \
              -DEG_VERSION='"$(VERSION)"' -DEG_DATADIR='"$(DATADIR)"' $(CFLAGS)
LDLIBS := $(PKG_LIBS) -lhpdf -lcsv -lz -lm -lpthread
# The libraries' deflate level (src/write/deflate_level.h): the program's
# deflateInit_ and deflateInit2_ are the ones libharu and minizip call;
# libxlsxwriter's temporary files (src/write/xlsx_tmpfile.h); libharu's
# byte copies (src/write/pdf_bytes.c). The linker exports a symbol a linked
# library refers to anyway; the flags say which ones are meant.
LDFLAGS += -Wl,--export-dynamic-symbol=deflateInit_ -Wl,--export-dynamic-symbol=deflateInit2_ \
           -Wl,--export-dynamic-symbol=lxw_tmpfile \
           -Wl,--export-dynamic-symbol=HPDF_MemCpy -Wl,--export-dynamic-symbol=HPDF_MemSet
ifneq ($(SANITIZE),)
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=$(SANITIZE)
endif

ifeq ($(V),1)
Q :=
else
Q := @
endif

# Debian packages: to build, to run the demo, to test.
DEPS_BUILD := build-essential pkg-config libxlsxwriter-dev libhpdf-dev libcsv-dev \
              libpcre2-dev libutf8proc-dev libzip-dev libexpat1-dev zlib1g-dev \
              fonts-noto-core
# FreeXL: the reference our .xls reader is compared with (tests/unit/test_xls_freexl.c)
DEPS_TEST  := libcmocka-dev libfreexl-dev poppler-utils qpdf python3 python3-openpyxl \
              libreoffice-calc-nogui
# make valgrind, make fuzz (libFuzzer is in clang's runtime), man -l egreport.1
DEPS_TEST  += valgrind clang libclang-rt-14-dev man-db groff-base
# make bench: the scenarios' generators (a 50,000-row XLSX through openpyxl)
DEPS_BENCH := python3 python3-openpyxl valgrind

SRC      := $(sort $(wildcard src/*/*.c))
MAIN_SRC := src/cli/main.c
LIB_SRC  := $(filter-out $(MAIN_SRC),$(SRC))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ := $(MAIN_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BIN      := egreport

.PHONY: all deps deps-test deps-bench demo test unit e2e systems-2020 asan tsan valgrind fuzz fuzz-bins bench \
        install uninstall clean

all: $(BIN)

$(BIN): $(LIB_OBJ) $(MAIN_OBJ)
	@echo "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@[ "$(V)" = 1 ] || echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJ)
	@mkdir -p $(dir $@) $(BUILD)/test-deps
	@[ "$(V)" = 1 ] || echo "  TEST-CC $<"
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -MF $(BUILD)/test-deps/$*.d $(LDFLAGS) -o $@ $< $(LIB_OBJ) $(LDLIBS) -lcmocka

$(BUILD)/tests/test_xls_freexl: LDLIBS += -lfreexl
# a build whose threads are refused: eg_thread_create is the test's to grant
$(BUILD)/tests/test_thread_refused: LDFLAGS += -Wl,--wrap=eg_thread_create
# a workbook whose reading the system fails: fread's and libzip's calls are the test's to fail
$(BUILD)/tests/test_workbook_faults: LDFLAGS += -Wl,--wrap=fread,--wrap=zip_open \
        -Wl,--wrap=zip_fopen_index,--wrap=zip_fread,--wrap=zip_get_error,--wrap=zip_file_get_error
# a system export whose reading the system fails
$(BUILD)/tests/test_sysexport_faults: LDFLAGS += -Wl,--wrap=pread,--wrap=gzread,--wrap=gzerror
# libxlsxwriter's temporary files without a memory file to be had
$(BUILD)/tests/test_xlsx_tmpfile: LDFLAGS += -Wl,--wrap=memfd_create,--wrap=fdopen
# standard descriptors found closed, without their devices
$(BUILD)/tests/test_stdout_check: LDFLAGS += -Wl,--wrap=open
# a report layout the disk fails to read to its end
$(BUILD)/tests/test_narrative: LDFLAGS += -Wl,--wrap=__getdelim
# a dead build's journal the disk fails to read to its end
$(BUILD)/tests/test_publish: LDFLAGS += -Wl,--wrap=fgets
# a font the disk fails to read
$(BUILD)/tests/test_pdf_layout: LDFLAGS += -Wl,--wrap=fread

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# Installs what is missing, with apt-get, as root or through sudo.
deps:
	@sh tools/install-deps.sh $(DEPS_BUILD)

deps-test:
	@sh tools/install-deps.sh $(DEPS_BUILD) $(DEPS_TEST)

deps-bench:
	@sh tools/install-deps.sh $(DEPS_BUILD) $(DEPS_BENCH)

demo: deps
	@$(MAKE) --no-print-directory all systems-2020
	./$(BIN) build 2020; rc=$$?; \
	echo ""; echo "workbook: output/2020/egov-2020.xlsx"; \
	echo "report:   output/2020/egov-2020.pdf"; \
	echo "problems: output/2020/validation.csv"; \
	[ $$rc -le 1 ]

test: deps-test
	@$(MAKE) --no-print-directory all unit-bins systems-2020
	@sh tests/run.sh "$(BUILD)" ./$(BIN)

unit-bins: $(UNIT_BIN)

# The demo's system exports (not committed): made again when the generator
# or the demo's submissions change.
SYSTEMS_2020 := input/2020/systems/dossiers.csv
systems-2020: $(SYSTEMS_2020)

$(SYSTEMS_2020): tools/gen-systems-2020.py tools/demolib.py tools/demoformats.py input/2020/units.csv \
                 input/2020/submissions
	@echo "  GEN     input/2020/systems/"
	$(Q)$(PYTHON) tools/gen-systems-2020.py

asan: deps-test
	@$(MAKE) --no-print-directory BUILD=build-asan BIN=egreport-asan \
	    SANITIZE=address,undefined CFLAGS="-O1 -g" egreport-asan unit-bins systems-2020
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	    sh tests/run.sh build-asan ./egreport-asan

# The same tests under ThreadSanitizer: every thread of a build (readers,
# exports, checks, rows, writers).  EGREPORT_TEST_SLOW as under valgrind:
# TSan's shadow memory and its slowness are outside the tests' bounds of
# time and process size.  Suppressions, each with its reason, in
# tests/tsan.supp.
tsan: deps-test
	@$(MAKE) --no-print-directory BUILD=build-tsan BIN=egreport-tsan \
	    SANITIZE=thread CFLAGS="-O1 -g" egreport-tsan unit-bins systems-2020
	@TSAN_OPTIONS="second_deadlock_stack=1 suppressions=$(CURDIR)/tests/tsan.supp" \
	    EGREPORT_TEST_SLOW=1 sh tests/run.sh build-tsan ./egreport-tsan

# valgrind over the whole suite: unit tests and every run of the program
# (tests/valgrind.sh says which runs it checks and how).
valgrind: deps-test
	@$(MAKE) --no-print-directory all unit-bins systems-2020
	@sh tests/valgrind.sh "$(BUILD)" ./$(BIN)

# libFuzzer targets (tests/fuzz/fuzz_*.c), built with clang, ASan and UBSan
# in build-fuzz/, each run for FUZZ_SECONDS from its seeds in tests/fuzz/.
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_SRC     := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES   := $(FUZZ_SRC:tests/fuzz/%.c=%)

fuzz: deps-test
	@$(MAKE) --no-print-directory CC=$(FUZZ_CC) BUILD=build-fuzz WERROR=0 \
	    SANITIZE=fuzzer-no-link,address,undefined CFLAGS="-O1 -g" fuzz-bins
	@sh tests/fuzz/run.sh build-fuzz $(FUZZ_SECONDS) $(FUZZ_NAMES)

fuzz-bins: $(FUZZ_NAMES:%=$(BUILD)/fuzz/%)

$(BUILD)/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@[ "$(V)" = 1 ] || echo "  FUZZ-LD $@"
	$(Q)$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $< $(LIB_OBJ) $(LDLIBS)

bench: deps-bench
	@$(MAKE) --no-print-directory all systems-2020 $(BUILD)/bench_pdf $(BUILD)/bench_libcsv
	@sh tools/bench.sh ./$(BIN) $(BUILD)/bench_pdf $(BUILD)/bench_libcsv

# The PDF report's own time, apart from the rest of a build (tools/bench_pdf.c).
$(BUILD)/bench_pdf: tools/bench_pdf.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@[ "$(V)" = 1 ] || echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJ) $(LDLIBS)

# The machine's own speed: a bare libcsv loop (tools/bench_libcsv.c).
$(BUILD)/bench_libcsv: tools/bench_libcsv.c
	@mkdir -p $(dir $@)
	@[ "$(V)" = 1 ] || echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< -lcsv

install: all
	rm -rf $(DESTDIR)$(DATADIR)/egreport/layouts
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/egreport/layouts $(DESTDIR)$(DOCDIR)
	install -d $(DESTDIR)$(DOCDIR)/examples $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/egreport
	install -m 644 layouts/*.* $(DESTDIR)$(DATADIR)/egreport/layouts/
	for d in layouts/[0-9][0-9][0-9][0-9]; do [ ! -d "$$d" ] || { \
	    install -d $(DESTDIR)$(DATADIR)/egreport/$$d && \
	    for f in $$d/*.*; do [ ! -f "$$f" ] || \
	        install -m 644 "$$f" $(DESTDIR)$(DATADIR)/egreport/$$d/ || exit 1; done; } || \
	    exit 1; done
	install -m 644 README.md docs/*.md $(DESTDIR)$(DOCDIR)/
	install -m 644 docs/egreport.1 $(DESTDIR)$(MANDIR)/man1/egreport.1
	install -m 644 tools/egreport.timer $(DESTDIR)$(DOCDIR)/examples/
	for f in egreport.cron egreport.service; do \
	    sed 's|/usr/local/bin/egreport|$(BINDIR)/egreport|g' tools/$$f \
	        > $(DESTDIR)$(DOCDIR)/examples/$$f && \
	    chmod 644 $(DESTDIR)$(DOCDIR)/examples/$$f || exit 1; done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/egreport $(DESTDIR)$(MANDIR)/man1/egreport.1
	rm -rf $(DESTDIR)$(DATADIR)/egreport $(DESTDIR)$(DOCDIR)

clean:
	rm -rf build build-asan build-fuzz egreport egreport-asan

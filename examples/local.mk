# Example workflows.  Each tool's .cwl file finds its program through a
# path relative to itself, so the xbrain-like programs are built into the
# build tree's examples/xbrain-like/, and a build outside the source tree
# (VPATH, as make distcheck does) gets copies of the example files there.
noinst_PROGRAMS += examples/xbrain-like/membrane_classify \
	examples/xbrain-like/cell_detect examples/xbrain-like/metrics

XBRAIN_COMMON = examples/xbrain-like/tool.c examples/xbrain-like/tool.h \
	examples/xbrain-like/points.c examples/xbrain-like/points.h

examples_xbrain_like_membrane_classify_SOURCES = \
	examples/xbrain-like/membrane_classify.c \
	examples/xbrain-like/synth.c examples/xbrain-like/synth.h \
	examples/xbrain-like/filter.c examples/xbrain-like/filter.h \
	examples/xbrain-like/volume.c examples/xbrain-like/volume.h \
	$(XBRAIN_COMMON)
examples_xbrain_like_membrane_classify_LDADD = -lm

examples_xbrain_like_cell_detect_SOURCES = \
	examples/xbrain-like/cell_detect.c \
	examples/xbrain-like/detect.c examples/xbrain-like/detect.h \
	examples/xbrain-like/volume.c examples/xbrain-like/volume.h \
	$(XBRAIN_COMMON)
examples_xbrain_like_cell_detect_LDADD = -lm

examples_xbrain_like_metrics_SOURCES = examples/xbrain-like/metrics.c \
	$(XBRAIN_COMMON)
examples_xbrain_like_metrics_LDADD = -lm

EXAMPLE_FILES = \
	examples/xbrain-like/workflow.cwl \
	examples/xbrain-like/membrane_classify.cwl \
	examples/xbrain-like/cell_detect.cwl \
	examples/xbrain-like/metrics.cwl \
	examples/xbrain-like/job.yml \
	examples/xbrain-like/params.yml \
	examples/random-forest/workflow.cwl \
	examples/random-forest/split.cwl \
	examples/random-forest/train.cwl \
	examples/random-forest/evaluate.cwl \
	examples/random-forest/split.py \
	examples/random-forest/train.py \
	examples/random-forest/evaluate.py \
	examples/random-forest/job.yml \
	examples/random-forest/params.yml

EXTRA_DIST += examples/README.md $(EXAMPLE_FILES)

# Copies the example files into the build tree when it is not the source
# tree.  A copy is replaced on every build, so an edited source file
# reaches the build tree.
all-local: examples-copy
examples-copy:
	@if test '$(srcdir)' != '.'; then \
	  for f in $(EXAMPLE_FILES); do \
	    $(MKDIR_P) "`dirname "$$f"`" || exit 1; \
	    rm -f "$$f" && cp "$(srcdir)/$$f" "$$f" && chmod u+w "$$f" || exit 1; \
	  done; \
	fi

clean-local: examples-clean
examples-clean:
	@if test '$(srcdir)' != '.'; then \
	  for f in $(EXAMPLE_FILES); do rm -f "$$f"; done; \
	fi

.PHONY: examples-copy examples-clean

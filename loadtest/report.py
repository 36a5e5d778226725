"""Writes loadtest/RESULTS.md from the wrk figures: each scenario as a ratio to the baseline."""
import platform
import subprocess
import sys
import time

rows_file, out, entities, load_line, load_seconds, duration, connections, threads, _, total = sys.argv[1:11]
rows = [line.rstrip("\n").split("\t") for line in open(rows_file) if line.strip()]
base = float(rows[0][1])
lookup = next((float(r[1]) for r in rows if r[0] == "entity lookup"), 0.0)


def cpu():
    try:
        return subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip() + " cores"
    except OSError:
        return "?"


with open(out, "w") as f:
    f.write("# Load test results\n\n")
    f.write("Written by `loadtest/run.sh` on %s (%s, %s). Each figure was measured in the same run as the\n"
            % (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), platform.machine(), cpu()))
    f.write("baseline: a plain Vert.x handler that answers the entity lookup with one Redis HGETALL and nothing\n")
    f.write("else. Ratios compare throughput with that baseline (1.00 = as fast as the least possible work).\n\n")
    f.write("wrk: %s threads, %s connections, %s per scenario after a warm-up; load generator, service, Redis,\n"
            % (threads, connections, duration))
    f.write("OpenSearch and PostgreSQL all share the same 2 cores, so absolute figures are a floor, not a capacity.\n\n")
    f.write("| scenario | requests/s | p50 | p99 | ratio to baseline | ratio to entity lookup | non-2xx/3xx | notes |\n")
    f.write("|---|---:|---:|---:|---:|---:|---:|---|\n")
    for name, rps, p50, p99, non2xx, errors, note in rows:
        ratio = float(rps) / base if base else 0
        extra = note
        if errors != "none":
            extra = (note + "; " if note else "") + errors
        if name.startswith("change feed"):
            extra = (extra + "; " if extra else "") + "%.0f changes/s" % (float(rps) * 500)
        if name.startswith("screening") or "batch" in name:
            extra = (extra + "; " if extra else "") + "%.0f subjects/s" % (float(rps) * 1000)
        vs_lookup = "%.2f" % (float(rps) / lookup) if lookup and name != "baseline" else "-"
        f.write("| %s | %s | %s | %s | %.2f | %s | %s | %s |\n" % (name, rps, p50, p99, ratio, vs_lookup, non2xx, extra))
    f.write("\nData: %s entities generated and bulk-loaded (`bin/load --rebuild`) in %s s: %s\n"
            % (entities, load_seconds, load_line[load_line.find("feed-"):] if "feed-" in load_line else load_line))
    f.write("\nWhole run: %s s.\n" % total)

# Memory figures, when run.sh measured them (memory.tsv beside the rows: name, value, unit, how).
import os
memory_file = os.path.join(os.path.dirname(rows_file), "memory.tsv")
if os.path.exists(memory_file):
    with open(out, "a") as f:
        f.write("\n## Memory\n\n| figure | value | how |\n|---|---:|---|\n")
        for line in open(memory_file):
            if line.strip():
                name, value, unit, how = line.rstrip("\n").split("\t")
                f.write("| %s | %s %s | %s |\n" % (name, value, unit, how))

# The bulk load against the store's own _bulk limit, and the export rate, when run.sh measured them.
import re
raw_file = os.path.join(os.path.dirname(rows_file), "rawbulk.txt")
export_file = os.path.join(os.path.dirname(rows_file), "export.tsv")
loader = re.search(r"\((\d+) lines/s\)", load_line)
with open(out, "a") as f:
    f.write("\n## Bulk load and export\n\n| figure | value | how |\n|---|---:|---|\n")
    if loader:
        f.write("| bulk load | %s lines/s | `bin/load --rebuild`: index and Redis written, chunks of 1,000, 2 in flight |\n"
                % loader.group(1))
    if os.path.exists(raw_file) and open(raw_file).read().strip():
        docs, seconds, rate = open(raw_file).read().split()
        f.write("| raw `_bulk` of the same documents | %s documents/s | %s documents read back from the indices and "
                "written again with plain `_bulk` (1,000 a request, 2 in flight) in %s s, nothing else |\n"
                % (rate, docs, seconds))
        if loader:
            f.write("| bulk load ÷ raw `_bulk` | %.2f | the loader's overhead over the store's own limit |\n"
                    % (float(loader.group(1)) / float(rate)))
    if os.path.exists(export_file):
        for line in open(export_file):
            if line.strip():
                what, records, seconds = line.rstrip("\n").split("\t")
                f.write("| export, %s | %.0f records/s | %s records streamed in %s s |\n"
                        % (what, int(records) / max(float(seconds), 0.1), records, seconds))

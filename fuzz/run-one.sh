#!/usr/bin/env bash
# run-one.sh FUZZER SEEDS WORK SECONDS [libFuzzer flags...]: runs one target for SECONDS on a
# copy of its seed corpus in WORK (new inputs land there, never in the seeds); a crash leaves its
# input in WORK/crashes and fails.
set -euo pipefail
fuzzer=$1 seeds=$2 work=$3 seconds=$4
shift 4
mkdir -p "$work/corpus" "$work/crashes"
# A target's dictionary (fuzz/dict/TARGET.dict: its protocol's words) when it has one.
dict=$(dirname "$0")/dict/$(basename "$seeds").dict
dict_flag=()
[[ -f $dict ]] && dict_flag=(-dict="$dict")
if [ -d "$seeds" ]; then cp -n "$seeds"/* "$work/corpus/" 2>/dev/null || true; fi
exec "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$work/crashes/" "${dict_flag[@]}" "$@" "$work/corpus"

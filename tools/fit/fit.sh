#!/usr/bin/env bash
# fit.sh measures crib's studied question sets with ranking constants set to
# other values, for sensitivity and cross-validation (docs/quality.md, "Fitting
# the ranking constants"). It never touches the shipped code: each run copies
# the committed tree to a scratch folder, rewrites the constants there, drops
# the measure-only sets (heldout-own, fresh-own, offtopic2-own) and the exam,
# and prints one line of figures.
#
#   SHARED=../shared tools/fit/fit.sh SLOT [NAME=VALUE ...]
#
# SLOT names the scratch folder (run two slots at once on two cores). NAME is
# a constant of search/rank.go, search/score/score.go, search/expand.go or
# search/search.go, written "NAME = number" in its file. The tree measured
# is HEAD: commit first. Many slots at once:
#   xargs -P2 -I{} sh -c 'tools/fit/fit.sh "$(echo {} | tr "= " "__")" {}' < grid.txt
set -euo pipefail
slot=$1; shift
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
work=/tmp/crib-fit-$slot
src=${SHARED:-$root/../shared}
shared=/tmp/crib-fit-shared
if [ ! -d "$shared" ]; then
	mkdir -p "$shared/eval"
	cp -r "$src/notes" "$shared/"
	cp "$src"/eval/{dev,offtopic,practice}.jsonl "$shared/eval/"
fi
rm -rf "$work"; mkdir -p "$work"
git -C "$root" archive HEAD | tar -x -C "$work"
rm -f "$work"/eval/testdata/{fresh-own,heldout-own,offtopic2-own}.jsonl
files="search/rank.go search/score/score.go search/expand.go search/search.go"
for kv in "$@"; do
	name=${kv%%=*}; val=${kv#*=}
	n=0
	for f in $files; do
		c=$(grep -cE "^\s*(const\s+)?$name\s*=\s*[0-9.]+" "$work/$f" || true)
		if [ "$c" -gt 0 ]; then
			sed -i -E "s/^(\s*(const\s+)?$name\s*=\s*)[0-9.]+/\1$val/" "$work/$f"
			n=$((n + c))
		fi
	done
	[ "$n" -eq 1 ] || { echo "fit: $name found $n times" >&2; exit 2; }
done
(cd "$work" && go build -o evalbin ./eval && ./evalbin -shared "$shared") >"$work/out.txt"
awk -v tag="$*" '
	$3 == "all" && $2 == "crib" { printf "%s %s/%s %s  ", substr($1, 1, 5), $6, $8, substr($10, 2) }
	/off-topic declined/ { split($7, a, "/"); off = off " " a[1] }
	/on-topic answered/ { split($7, a, "/"); if (a[1] != a[2]) lost = lost " " $1 "=" $7 }
	END { printf "off%s  %s| %s\n", off, lost == "" ? "" : "LOST" lost " ", tag == "" ? "base" : tag }
' "$work/out.txt"

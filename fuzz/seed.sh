#!/usr/bin/env bash
# Seed the fuzz corpora from the repository's recorded and synthetic inputs (fixtures/,
# fixtures/wire/, tests/data/) and from the regression inputs in fuzz/regressions/.
# Writes fuzz/corpus/<target>/ (ignored by git; safe to rerun: files are named by content).
set -euo pipefail
fuzz="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$fuzz")"
corpus="$fuzz/corpus"

# put TARGET FILE...: copy each file into the target's corpus under its SHA-1 (what libFuzzer
# names corpus files), so reseeding never duplicates an input.
put() {
  local target="$1"; shift
  mkdir -p "$corpus/$target"
  local file sum
  for file in "$@"; do
    [ -f "$file" ] || continue
    sum="$(sha1sum "$file" | cut -d' ' -f1)"
    cp "$file" "$corpus/$target/$sum"
  done
}

shopt -s nullglob
inputs=("$repo"/fixtures/*.txt "$repo"/fixtures/wire/*.txt "$repo"/tests/data/*.txt)
net_config=() reg=() errors=()
for f in "${inputs[@]}"; do
  name="$(basename "$f")"
  case "$name" in
    *reg-query*) reg+=("$f") ;;
    error-*|reconstructed-error-*|net-stderr-*) errors+=("$f") ;;
    *) net_config+=("$f") ;;
  esac
done

# Each parser sees its own outputs and the others' (a parser must refuse the wrong output).
put server "${net_config[@]}" "${errors[@]}"
put workstation "${net_config[@]}" "${errors[@]}"
put reg_query "${reg[@]}" "${errors[@]}"
put net_error "${errors[@]}" "${reg[@]}"
put decode "${inputs[@]}"
put lists "$repo"/fixtures/lists/*.txt "${net_config[@]}" "${errors[@]}"
put sessions "$repo"/fixtures/sessions/*.txt "$repo"/tests/data/sessions/*.txt "$repo"/fixtures/lists/*.txt "${errors[@]}"

# Values: the documented forms and the near misses from src/settings.rs's tests, one per file.
mkdir -p "$corpus/values"
while IFS= read -r value; do
  printf '%s' "$value" > "$corpus/values/$(printf '%s' "$value" | sha1sum | cut -d' ' -f1)"
done <<'VALUES'
-1
off
NEVER
0
1
15
60
65535
65536
90m
2h
1h30m
120s
90s
1093h
0x10
+15
1e3
015
１５
1.5
15min
1m1h
600
10m
19h
yes
no
File server, 2nd floor
say "hi"
\\FS01
fs01.corp.example
10.0.0.5
-x
autodisconnect
workstation.software_version
Idle-Session-Minutes
cp850
gbk
windows-1252
cp65001
utf-16le
VALUES

# Inputs that once crashed or hung a target stay in its corpus.
for dir in "$fuzz"/regressions/*/; do
  target="$(basename "$dir")"
  put "$target" "$dir"*
done

for dir in "$corpus"/*/; do
  printf '%-12s %3d inputs\n' "$(basename "$dir")" "$(find "$dir" -type f | wc -l)"
done

#!/bin/sh
# Makes docs/vectors/bundle-small/{public,full}/: a public and a full bundle
# (docs/SPEC.md §12) of one draw of the sample district (lists/sample/), with
# the sample plan (strata by the sealed credit class), one inspector
# substitution and one entity substitution.
#
# The clock (FAIRDRAW_NOW), the seal key (FAIRDRAW_SEAL_KEY), the operator's
# secret and the values are fixed, so the announcement, the result, the rows
# and the substitutions are the same on every run. The log's Ed25519 key is
# made fresh by `fairdraw init`: the verifier key, the signatures and so the
# log files differ from run to run. Both bundles verify.
#
# Usage: docs/vectors/make_bundle_vectors.sh [path/to/fairdraw]
set -eu
cd "$(dirname "$0")/../.."
fd="${1:-$(pwd)/build/fairdraw}"
out="docs/vectors/bundle-small"
work="$(mktemp -d "${TMPDIR:-/tmp}/fairdraw-vectors-XXXXXX")"
trap 'rm -rf "$work"' EXIT
ws="$work/ws"
export FAIRDRAW_ACTOR="vectors"
export FAIRDRAW_SEAL_KEY="000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
secret="5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a"
h() { printf '%s' "$1" | xxd -r -p | sha256sum | cut -d' ' -f1; }
v1="$(h "$(h "$secret")")"      # H^2(s): revealed at the draw (chain 3)
v2="$(h "$secret")"             # H^1(s): the first substitution's link
commitment="$(h "$v1")"          # H^3(s)

FAIRDRAW_NOW=2026-11-20T02:00:00Z "$fd" init "$ws" --origin fairdraw.sample-district.example/log >/dev/null
for kind in enterprises inspectors conflicts; do
    FAIRDRAW_NOW=2026-11-20T02:00:00Z "$fd" --workspace "$ws" import "$kind" "lists/sample/$kind.csv" >/dev/null
done
FAIRDRAW_NOW=2026-11-20T02:00:00Z "$fd" --workspace "$ws" announce lists/sample/plan.json \
    --enterprises latest --inspectors latest --conflicts latest \
    --not-before 2026-12-01T21:30:00+08:00 \
    --source 'numbers:福彩3D 第2026320期:count=3:min=0:max=9:expected=2026-12-01T21:15:00+08:00' \
    --source 'witness:公证员 王某:digits=6' \
    --source "secret:操作员:sha256=$commitment:chain=3" >/dev/null
export FAIRDRAW_NOW=2026-12-01T13:31:00Z
"$fd" --workspace "$ws" draw latest --value '福彩3D 第2026320期=3 5 8' --value '公证员 王某=384615' \
    --value "操作员=$v1" --json > "$work/result.json"
# The first drawn entity's first inspector is recused; then the first entity of
# a stratum with rows left is replaced (deregistered).
read -r code inspector replaced <<EOF2
$(python3 - "$work/result.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
first = r["selected"][0]
left = [e for e in r["selected"] if r["strata"][e["stratum"]]["pool"] > r["strata"][e["stratum"]]["count"]]
print(first["code"], first["team"][0]["inspector"], left[-1]["code"])
PY
)
EOF2
"$fd" --workspace "$ws" substitute latest --inspector "$inspector" --team "$code" \
    --reason '回避: 近亲属在该单位任职' --link "$v2" >/dev/null
"$fd" --workspace "$ws" substitute latest --entity "$replaced" --reason '已注销 deregistered' \
    --link "$secret" >/dev/null
rm -rf "$out"
mkdir -p "$out"
"$fd" --workspace "$ws" publish latest --out "$out/public" >/dev/null
"$fd" --workspace "$ws" publish latest --full --out "$out/full" >/dev/null
"$fd" verify "$out/public" >/dev/null
"$fd" verify "$out/full" >/dev/null
du -sh "$out"/public "$out"/full

#!/usr/bin/env bash
# Refreshes the Qt translation sources from the code and compiles them.
#   resources/i18n/duty_console_zh_CN.ts  English source strings -> Simplified Chinese
#   resources/i18n/duty_console_en.ts     English source strings -> English (plural forms)
# Source strings are English everywhere (tests/console/test_architecture.py fails on a
# Chinese one); the Chinese is in the zh_CN catalogue.
# New strings appear in the .ts files as "unfinished": translate them (pyside6-linguist
# or any editor), then run this again so the .qm files the console loads are rebuilt.
#
# pyside6-lupdate finds self.tr(...), QCoreApplication.translate("Ctx", ...) and
# QT_TRANSLATE_NOOP. Several modules wrap translate() in a small helper
# (`def _t(text): return QCoreApplication.translate("Ctx", text)`); lupdate cannot see
# through those, so the step below finds the helpers' calls with `ast` and hands lupdate
# an extra file of QT_TRANSLATE_NOOP lines for them.
#
# duty_console_en is filled with the English source strings themselves, so only
# duty_console_zh_CN is left to translate.
#
# --check: change nothing; fail (exit 1, listing them) when the code has strings the .ts
# files do not translate yet, or when a .qm is older than its .ts. Tests and CI use it.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
extra=$work/helper_strings.py
check=0
[ "${1:-}" = "--check" ] && check=1
mapfile -t SOURCES < <(find console -name '*.py' -not -path '*/__pycache__/*' | sort)

"$BIN/python" - "$extra" "${SOURCES[@]}" <<'PY'
import ast
import sys

out, files = sys.argv[1], sys.argv[2:]


def translate_call(node):
    """(context node, text node) when node is QCoreApplication/QApplication.translate(...)."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "translate" and len(node.args) >= 2):
        return node.args[0], node.args[1]
    return None


lines = []
for path in files:
    tree = ast.parse(open(path, encoding="utf-8").read(), path)
    helpers = {}  # name -> (fixed context or None, index of the context arg, index of the text arg)
    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef):
            continue
        params = [a.arg for a in fn.args.args]
        for node in ast.walk(fn):
            found = translate_call(node)
            if not found:
                continue
            ctx, text = found
            if not (isinstance(text, ast.Name) and text.id in params):
                continue
            if isinstance(ctx, ast.Constant) and isinstance(ctx.value, str):
                helpers[fn.name] = (ctx.value, None, params.index(text.id))
            elif isinstance(ctx, ast.Name) and ctx.id in params:
                helpers[fn.name] = (None, params.index(ctx.id), params.index(text.id))
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in helpers):
            continue
        fixed, ctx_i, text_i = helpers[node.func.id]
        args = node.args
        if text_i >= len(args) or not isinstance(args[text_i], ast.Constant):
            continue
        ctx = fixed
        if ctx is None:
            if ctx_i >= len(args) or not isinstance(args[ctx_i], ast.Constant):
                continue
            ctx = args[ctx_i].value
        if isinstance(args[text_i].value, str) and isinstance(ctx, str):
            lines.append(f"QT_TRANSLATE_NOOP({ctx!r}, {args[text_i].value!r})")

with open(out, "w", encoding="utf-8") as f:
    f.write("from PySide6.QtCore import QT_TRANSLATE_NOOP\n")
    f.write("\n".join(sorted(set(lines))) + "\n")
PY

# Fills "unfinished" messages of the English catalogue with their (English) source.
fill_same_language() {
  "$BIN/python" - "$1" "$2" <<'PY'
import html
import re
import sys

path, lang = sys.argv[1], sys.argv[2]
cjk = re.compile(r"[\u3400-\u9fff]")
unfinished = re.compile(
    r"(<message>\s*<source>([^<]*)</source>\s*)<translation type=\"unfinished\">[^<]*</translation>"
)


def fill(m: re.Match) -> str:
    if lang != "en" or cjk.search(html.unescape(m.group(2))):
        return m.group(0)
    return m.group(1) + "<translation>" + m.group(2) + "</translation>"


with open(path, encoding="utf-8") as f:
    text = f.read()
with open(path, "w", encoding="utf-8") as f:
    f.write(unfinished.sub(fill, text))
PY
}

status=0
for lang in zh_CN en; do
  ts=resources/i18n/duty_console_${lang}.ts
  qm=resources/i18n/duty_console_${lang}.qm
  if [ $check = 1 ]; then
    cp "$ts" "$work/check.ts"
    "$BIN/pyside6-lupdate" -silent -no-obsolete -locations none -source-language en \
      -target-language "$lang" "${SOURCES[@]}" "$extra" -ts "$work/check.ts"
    fill_same_language "$work/check.ts" "$lang"
    if grep -q 'type="unfinished"' "$work/check.ts"; then
      echo "$ts: strings without a translation (run scripts/update_translations.sh, translate):"
      grep -B2 'type="unfinished"' "$work/check.ts" | grep '<source>' | sed 's/^ */  /'
      status=1
    fi
    "$BIN/pyside6-lrelease" -silent "$ts" -qm "$work/check.qm"
    if ! cmp -s "$work/check.qm" "$qm"; then
      echo "$qm is not compiled from the current $ts (run scripts/update_translations.sh)"
      status=1
    fi
    continue
  fi
  "$BIN/pyside6-lupdate" -silent -no-obsolete -locations none -source-language en \
    -target-language "$lang" "${SOURCES[@]}" "$extra" -ts "$ts"
  fill_same_language "$ts" "$lang"
  "$BIN/pyside6-lrelease" -silent "$ts" -qm "$qm"
  echo "unfinished in $ts: $(grep -c 'type="unfinished"' "$ts" || true)"
done
exit $status

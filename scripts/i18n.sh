#!/usr/bin/env bash
# Refresh each addon's i18n/<addon>.pot from a database where it is installed,
# and merge the new terms into i18n/zh_CN.po (translations kept, new terms
# empty, vanished ones dropped). Translate the empty msgstr, then run
# `make test`: tests/test_translations.py fails while any term is missing.
#   I18N_DB=name   database to export from (default: the test database)
set -euo pipefail
source "$(dirname "$0")/env.sh"
DB="${I18N_DB:-${TEST_DB:-ecom_test}}"
for addon in ${@:-ecom_order_mgmt ecom_backorder ecom_returns}; do
    dir="$ROOT/$addon/i18n"
    mkdir -p "$dir"
    log "Exporting $addon terms from $DB"
    # Odoo writes a template when no language is given; it wants a .po name.
    odoo -d "$DB" --i18n-export="$dir/$addon.po.tmp.po" --modules="$addon" \
        --stop-after-init --log-level=warn
    mv "$dir/$addon.po.tmp.po" "$dir/$addon.pot"
    if [ -f "$dir/zh_CN.po" ]; then
        msgmerge --quiet --update --no-fuzzy-matching --backup=none \
            "$dir/zh_CN.po" "$dir/$addon.pot"
        msgattrib --no-obsolete -o "$dir/zh_CN.po" "$dir/zh_CN.po"
    else
        sed -e 's/^"Language: \\n"/"Language: zh_CN\\n"/' \
            -e 's/^"Plural-Forms: \\n"/"Plural-Forms: nplurals=1; plural=0;\\n"/' \
            "$dir/$addon.pot" > "$dir/zh_CN.po"
    fi
    printf '%s: %s terms, %s untranslated\n' "$addon" \
        "$(grep -c '^msgid ' "$dir/$addon.pot")" \
        "$(msgattrib --untranslated "$dir/zh_CN.po" | grep -c '^msgid ' || true)"
done

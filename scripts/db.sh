# Database helpers shared by run.sh and test.sh. Source it after env.sh.

# Odoo apps the suite stands on; installed once into a template database
# that every suite database is copied from (installing them takes minutes).
BASE_MODULES="sale_management,sale_stock,delivery,purchase,report_xlsx,queue_job"

db_exists() {
    [ "$(psql -d postgres -Atc "select 1 from pg_database where datname='$1'")" = 1 ]
}

# The template's name carries a digest of what it contains, so a change of
# pinned packages or of the base module list builds a new one.
template_name() {
    local digest
    digest=$(cat "$ROOT/requirements/"*.txt <(echo "$BASE_MODULES") "$ROOT/scripts/db.sh" \
             | sha1sum | cut -c1-10)
    echo "ecom_tpl_$digest"
}

drop_db() {
    local db="$1"
    db_exists "$db" || return 0
    # our own sessions only: an autovacuum worker (a superuser process we may
    # not signal) is stopped by DROP DATABASE itself
    psql -d postgres -qAtc "select pg_terminate_backend(pid) from pg_stat_activity
        where datname='$db' and usename = current_user" >/dev/null
    psql -d postgres -qc "drop database \"$db\""
    rm -rf "$LOCAL/data/filestore/$db"
}

# Base apps with demo data in a Chinese company (CNY, Chinese chart of accounts).
ensure_template() {
    local tpl
    tpl=$(template_name)
    if db_exists "$tpl"; then echo "$tpl"; return 0; fi
    log "Building the template database $tpl (Odoo apps and their demo data; once)"
    drop_db "$tpl.tmp"
    odoo -d "$tpl.tmp" -i base --stop-after-init --log-level=warn >&2
    # Simplified Chinese is installed next to English (which stays the
    # default), so that every app installed after it loads its Chinese terms.
    # The company is Chinese before accounting installs, so that Odoo picks
    # the Chinese chart of accounts and the yuan.
    odoo shell -d "$tpl.tmp" --log-level=warn >&2 <<'PY'
env["base.language.install"].create({"lang": "zh_CN"}).lang_install()
company = env.ref("base.main_company")
company.write({"country_id": env.ref("base.cn").id, "currency_id": env.ref("base.CNY").id})
env.ref("base.CNY").active = True
env.cr.commit()
PY
    odoo -d "$tpl.tmp" -i "$BASE_MODULES" --stop-after-init --log-level=warn >&2
    psql -d postgres -qc "alter database \"$tpl.tmp\" rename to \"$tpl\""
    if [ -d "$LOCAL/data/filestore/$tpl.tmp" ]; then
        mv "$LOCAL/data/filestore/$tpl.tmp" "$LOCAL/data/filestore/$tpl"
    fi
    echo "$tpl"
}

# Copy the template into a new database (filestore included).
create_from_template() {
    local db="$1" tpl
    tpl=$(ensure_template)
    psql -d postgres -qc "create database \"$db\" template \"$tpl\""
    mkdir -p "$LOCAL/data/filestore"
    if [ -d "$LOCAL/data/filestore/$tpl" ]; then
        cp -r "$LOCAL/data/filestore/$tpl" "$LOCAL/data/filestore/$db"
    fi
}

#!/usr/bin/env bash
# Installs what is missing, builds, and starts Sopan on http://127.0.0.1:8080.
# The data directory (default ./data) is created on first start.
#   SOPAN_DATA=/srv/sopan SOPAN_PORT=9090 ./deploy/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

./deploy/install-deps.sh
[[ -f build/release/build.ninja ]] || cmake --preset release >/dev/null
cmake --build --preset release --target sopan
./deploy/build-web.sh

data=${SOPAN_DATA:-$root/data}
address=${SOPAN_ADDRESS:-127.0.0.1}
port=${SOPAN_PORT:-8080}
if [[ ! -d $data/repo.git ]]; then
  # The first start creates the demo instansi (organisation, staff, one account per role).
  build/release/sopan init --data "$data" --demo --demo-dir "$root/deploy/demo"
fi

cat <<TXT

  Sopan berjalan di http://$address:$port
  Data: $data (repo.git = catatan git, index = indeks RocksDB)
  Akun demo (kata sandi untuk semua: sopan-demo):
    admin        Admin seluruh instansi (struktur organisasi, pegawai, akun)
    penyusun     Penyusun SOP, Dinas Komunikasi dan Informatika
    verifikator  Verifikator, Bagian Organisasi (seluruh instansi)
    pengesah     Pengesah, Kepala Dinas Komunikasi dan Informatika
    evaluator    Evaluator (seluruh instansi)
    auditor      Auditor Inspektorat (membaca semua, termasuk log audit)
    pegawai      Pegawai, Dinas Komunikasi dan Informatika
  Hentikan dengan Ctrl+C.

TXT
exec build/release/sopan serve --data "$data" --address "$address" --port "$port" \
  --web "$root/web/dist" --schemas "$root/schemas"

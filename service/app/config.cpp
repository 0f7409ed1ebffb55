#include "app/config.hpp"

#include <algorithm>
#include <charconv>
#include <thread>
#include <vector>

namespace sopan::app {
namespace {

struct Flag {
  std::string_view name;  // without "--"
  std::string_view env;
  bool takes_value;
  std::string_view help;
};

constexpr Flag kFlags[] = {
    {"data", "SOPAN_DATA", true, "direktori data (repo.git + index); wajib"},
    {"address", "SOPAN_ADDRESS", true, "alamat dengar (bawaan 127.0.0.1)"},
    {"port", "SOPAN_PORT", true, "port dengar (bawaan 8080; 0 = port bebas)"},
    {"threads", "SOPAN_THREADS", true, "jumlah thread I/O (bawaan: jumlah inti)"},
    {"blocking-threads", "SOPAN_BLOCKING_THREADS", true, "thread untuk kerja git (bawaan 4)"},
    {"body-limit", "SOPAN_BODY_LIMIT", true, "batas isi permintaan dalam bita (bawaan 1048576)"},
    {"header-limit", "SOPAN_HEADER_LIMIT", true, "batas header dalam bita (bawaan 16384)"},
    {"header-timeout-ms", "SOPAN_HEADER_TIMEOUT_MS", true,
     "batas waktu membaca header dan koneksi menganggur (bawaan 15000)"},
    {"body-timeout-ms", "SOPAN_BODY_TIMEOUT_MS", true, "batas waktu membaca isi (bawaan 30000)"},
    {"shutdown-grace-ms", "SOPAN_SHUTDOWN_GRACE_MS", true,
     "waktu menyelesaikan permintaan saat berhenti (bawaan 20000)"},
    {"public-url", "SOPAN_PUBLIC_URL", true,
     "alamat server bagi pengguna (https://sopan.contohkab.go.id), dicetak sebagai kode QR "
     "verifikasi tanda tangan (bawaan: http://alamat:port)"},
    {"web", "SOPAN_WEB", true, "direktori aplikasi web hasil build (bawaan web/dist)"},
    {"schemas", "SOPAN_SCHEMAS", true, "direktori skema JSON (bawaan schemas/)"},
    {"access-log", "SOPAN_ACCESS_LOG", true, "on/off: satu baris log JSON per permintaan"},
    {"trusted-proxy", "SOPAN_TRUSTED_PROXY", true,
     "proksi tepercaya (alamat/jaringan, dipisah koma): hanya dari sini X-Forwarded-For dipakai "
     "(bawaan: tidak ada)"},
    {"name", "SOPAN_INSTANSI", true, "init: nama instansi"},
    {"email-domain", "SOPAN_EMAIL_DOMAIN", true, "init: domain surel pegawai (NIP@domain)"},
    {"monitoring-months", "", true, "init: jarak monitoring SOP dalam bulan (bawaan 6)"},
    {"evaluation-months", "", true, "init: jarak evaluasi SOP dalam bulan (bawaan 12)"},
    {"demo", "", false, "init: isi instansi contoh (unit, jabatan, pegawai, akun demo)"},
    {"demo-dir", "SOPAN_DEMO_DIR", true, "init --demo: direktori CSV contoh (bawaan deploy/demo)"},
    {"session-idle-s", "SOPAN_SESSION_IDLE_S", true,
     "sesi berakhir setelah menganggur sekian detik (bawaan 1800)"},
    {"session-max-s", "SOPAN_SESSION_MAX_S", true,
     "umur sesi paling lama dalam detik (bawaan 43200)"},
    {"login-attempts", "SOPAN_LOGIN_ATTEMPTS", true,
     "gagal masuk per akun sebelum percobaan berikutnya harus menunggu 1, 2, 4 … detik "
     "(paling lama 15 menit; bawaan 5; per alamat 20x)"},
    {"username", "", true, "create-admin: nama pengguna admin (kata sandi dibaca dari stdin)"},
    {"units", "", true, "import-org: berkas CSV unit"},
    {"positions", "", true, "import-org: berkas CSV jabatan"},
    {"staff", "", true, "import-org: berkas CSV pegawai"},
    {"dry-run", "", false, "import-org: tampilkan perubahan tanpa menyimpan"},
    {"help", "", false, "tampilkan bantuan ini"},
};

constexpr std::string_view kCommands[] = {"serve",   "init",          "verify",
                                          "reindex", "create-admin",  "import-org",
                                          "openapi", "verify-packet", "help"};

/// The address printed into every QR code, so only what cannot mislead a reader: a scheme, a
/// host of letters, digits, dots and hyphens (or [IPv6]), an optional port, an optional plain path
/// (no user part, query, fragment, backslash, quote or anything outside printable ASCII).
bool is_public_url(std::string_view url) {
  if (url.size() > 200) return false;
  std::string_view rest;
  if (url.starts_with("https://"))
    rest = url.substr(8);
  else if (url.starts_with("http://"))
    rest = url.substr(7);
  else
    return false;
  const std::string_view authority = rest.substr(0, rest.find('/'));
  const std::string_view path = rest.substr(authority.size());
  auto is_alnum = [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
  };
  std::string_view host = authority, port;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos || close < 3) return false;
    host = authority.substr(1, close - 1);
    if (!std::all_of(host.begin(), host.end(), [](char ch) {
          return ch == ':' || (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') ||
                 (ch >= 'A' && ch <= 'F');
        }))
      return false;
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty() && !after.starts_with(':')) return false;
    port = after.empty() ? after : after.substr(1);
    if (!after.empty() && port.empty()) return false;
  } else {
    if (const auto colon = authority.find(':'); colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
      if (port.empty()) return false;
    }
    if (host.empty() || host.front() == '.' || host.front() == '-' ||
        !std::all_of(host.begin(), host.end(),
                     [&](char ch) { return is_alnum(ch) || ch == '.' || ch == '-'; }))
      return false;
  }
  if (!port.empty()) {
    unsigned n = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), n);
    if (ec != std::errc() || end != port.data() + port.size() || n == 0 || n > 65535) return false;
  }
  return std::all_of(path.begin(), path.end(), [&](char ch) {
    return is_alnum(ch) || ch == '/' || ch == '.' || ch == '-' || ch == '_' || ch == '~';
  });
}

Error bad(std::string_view flag, std::string why) {
  return field_error(Errc::kInvalidArgument, "Opsi --" + std::string(flag) + " tidak valid: " + why,
                     "/args/" + std::string(flag), why);
}

template <class T>
Result<T> number(std::string_view flag, std::string_view text, T min, T max) {
  T v{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < min || v > max)
    return bad(flag, "harus bilangan " + std::to_string(min) + " sampai " + std::to_string(max));
  return v;
}

Status apply(Config& c, std::string_view name, std::string_view value) {
  auto ms = [&](std::chrono::milliseconds& out) -> Status {
    auto v = number<long>(name, value, 1, 3'600'000);
    if (!v) return v.error();
    out = std::chrono::milliseconds(*v);
    return {};
  };
  if (name == "data")
    c.data_dir = std::string(value);
  else if (name == "address")
    c.server.address = std::string(value);
  else if (name == "port") {
    auto v = number<int>(name, value, 0, 65535);
    if (!v) return v.error();
    c.server.port = static_cast<std::uint16_t>(*v);
  } else if (name == "threads") {
    auto v = number<int>(name, value, 1, 256);
    if (!v) return v.error();
    c.server.threads = *v;
  } else if (name == "blocking-threads") {
    auto v = number<int>(name, value, 1, 256);
    if (!v) return v.error();
    c.server.blocking_threads = *v;
  } else if (name == "body-limit") {
    auto v = number<std::size_t>(name, value, 1024, std::size_t(1) << 30);
    if (!v) return v.error();
    c.server.body_limit = *v;
  } else if (name == "header-limit") {
    auto v = number<std::size_t>(name, value, 1024, std::size_t(1) << 20);
    if (!v) return v.error();
    c.server.header_limit = *v;
  } else if (name == "header-timeout-ms")
    return ms(c.server.header_timeout);
  else if (name == "body-timeout-ms")
    return ms(c.server.body_timeout);
  else if (name == "shutdown-grace-ms")
    return ms(c.server.shutdown_grace);
  else if (name == "public-url") {
    std::string_view url = value;
    while (url.ends_with('/')) url.remove_suffix(1);
    if (!is_public_url(url))
      return bad(name,
                 "isi dengan http(s)://nama-host[:port][/jalur], hanya huruf, angka, titik, "
                 "tanda hubung dan garis miring, paling panjang 200");
    c.public_url = std::string(url);
  } else if (name == "web")
    c.server.web_root = std::string(value);
  else if (name == "schemas")
    c.schemas_dir = std::string(value);
  else if (name == "access-log") {
    if (value != "on" && value != "off") return bad(name, "isi dengan on atau off");
    c.server.access_log = value == "on";
  } else if (name == "trusted-proxy") {
    auto proxies = http::TrustedProxies::parse(value);
    if (!proxies) return bad(name, proxies.error().message);
    c.server.trusted_proxies = std::move(*proxies);
  } else if (name == "name") {
    if (value.empty()) return bad(name, "nama instansi tidak boleh kosong");
    c.instansi_name = std::string(value);
  } else if (name == "email-domain")
    c.email_domain = std::string(value);
  else if (name == "monitoring-months" || name == "evaluation-months") {
    auto v = number<int>(name, value, 1, 60);
    if (!v) return v.error();
    (name == "monitoring-months" ? c.periods.monitoring_months : c.periods.evaluation_months) = *v;
  } else if (name == "demo-dir")
    c.demo_dir = std::string(value);
  else if (name == "session-idle-s") {
    auto v = number<long>(name, value, 1, 30L * 86400);
    if (!v) return v.error();
    c.sessions.idle = std::chrono::seconds(*v);
  } else if (name == "session-max-s") {
    auto v = number<long>(name, value, 1, 90L * 86400);
    if (!v) return v.error();
    c.sessions.absolute = std::chrono::seconds(*v);
  } else if (name == "login-attempts") {
    auto v = number<int>(name, value, 1, 1000);
    if (!v) return v.error();
    c.throttle.per_account = *v;
    c.throttle.per_address = 20 * *v;  // one address may be a whole office behind NAT
  } else if (name == "username")
    c.username = std::string(value);
  else if (name == "units")
    c.import_units = std::string(value);
  else if (name == "positions")
    c.import_positions = std::string(value);
  else if (name == "staff")
    c.import_staff = std::string(value);
  return {};
}

}  // namespace

Result<Config> parse_command_line(int argc, const char* const* argv, const GetEnv& getenv) {
  Config c;
  c.server.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  c.server.web_root = std::string(SOPAN_SOURCE_DIR) + "/web/dist";
  c.schemas_dir = std::string(SOPAN_SOURCE_DIR) + "/schemas";
  c.demo_dir = std::string(SOPAN_SOURCE_DIR) + "/deploy/demo";
  for (const auto& f : kFlags) {
    if (f.env.empty()) continue;
    if (const char* v = getenv(std::string(f.env).c_str()); v && *v)
      if (auto s = apply(c, f.name, v); !s) return s.error();
  }
  std::vector<std::string_view> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i];
    if (!a.starts_with("--")) {
      if (c.command == "verify-packet" && c.packet_file.empty()) {
        c.packet_file = std::string(a);
        continue;
      }
      if (!c.command.empty())
        return field_error(Errc::kInvalidArgument, "Argumen tidak dikenal: " + std::string(a),
                           "/args", "Hanya satu perintah yang boleh diberikan");
      if (std::find(std::begin(kCommands), std::end(kCommands), a) == std::end(kCommands))
        return field_error(Errc::kInvalidArgument, "Perintah tidak dikenal: " + std::string(a),
                           "/args/command",
                           "Pilih serve, init, verify, reindex, create-admin, import-org, openapi, "
                           "verify-packet atau help");
      c.command = std::string(a);
      continue;
    }
    std::string_view name = a.substr(2), value;
    bool inline_value = false;
    if (auto eq = name.find('='); eq != std::string_view::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      inline_value = true;
    }
    const Flag* flag = nullptr;
    for (const auto& f : kFlags)
      if (f.name == name) flag = &f;
    if (!flag)
      return field_error(Errc::kInvalidArgument, "Opsi tidak dikenal: --" + std::string(name),
                         "/args/" + std::string(name), "Lihat `sopan --help`");
    if (!flag->takes_value) {
      if (name == "help") c.command = "help";
      if (name == "demo") c.demo = true;
      if (name == "dry-run") c.dry_run = true;
      continue;
    }
    if (!inline_value) {
      if (i + 1 >= args.size()) return bad(name, "nilainya belum diberikan");
      value = args[++i];
    }
    if (auto s = apply(c, name, value); !s) return s.error();
  }
  if (c.command.empty()) c.command = "serve";
  if (c.command == "verify-packet" && c.packet_file.empty())
    return field_error(Errc::kInvalidArgument, "Berkas paket belum disebutkan", "/args/file",
                       "Pemakaian: sopan verify-packet BERKAS.zip");
  if (c.command != "help" && c.command != "openapi" && c.command != "verify-packet" &&
      c.data_dir.empty())
    return bad("data", "direktori data wajib diberikan (--data DIR atau SOPAN_DATA)");
  if (c.command == "create-admin" && !library::is_valid_username(c.username))
    return bad("username", "3–32 huruf kecil, angka, titik, garis bawah atau tanda hubung");
  if (c.command == "import-org" && c.import_units.empty() && c.import_positions.empty() &&
      c.import_staff.empty())
    return bad("units", "berikan paling sedikit satu berkas: --units, --positions, --staff");
  return c;
}

std::string usage() {
  std::string out =
      "Sopan — SOP AP, peta proses bisnis, riwayat git, dan nilai tatalaksana.\n\n"
      "Pemakaian:\n"
      "  sopan init    --data DIR [--name NAMA] [--email-domain DOMAIN] [--demo]\n"
      "                membuat instansi kosong (repo.git + index); --demo: instansi contoh\n"
      "  sopan serve   --data DIR [--address A] [--port P] ...\n"
      "                menjalankan server HTTP (berhenti rapi dengan SIGTERM/SIGINT)\n"
      "  sopan verify  --data DIR\n"
      "                memeriksa indeks terhadap git dan rantai peristiwa audit;\n"
      "                kode keluar: 0 baik, 3 indeks berbeda, 4 rantai rusak, 5 keduanya,\n"
      "                1 kesalahan lain\n"
      "  sopan reindex --data DIR\n"
      "                membangun ulang indeks dari git (server harus berhenti)\n"
      "  sopan create-admin --data DIR --username NAMA  < berkas-kata-sandi\n"
      "                membuat akun admin atas seluruh instansi (kata sandi dari stdin)\n"
      "  sopan import-org --data DIR [--units F] [--positions F] [--staff F] [--dry-run]\n"
      "                mengimpor struktur organisasi dari CSV (semua atau tidak sama sekali)\n"
      "  sopan openapi [--schemas DIR]\n"
      "                mencetak dokumen OpenAPI dari tabel rute (schemas/openapi.yaml)\n"
      "  sopan verify-packet BERKAS.zip\n"
      "                memeriksa paket audit: lengkap, tidak diubah, rantai peristiwa utuh;\n"
      "                kode keluar: 0 utuh, 4 tidak lengkap atau diubah, 1 tidak terbaca\n\n"
      "Opsi (variabel lingkungan di kurung; opsi baris perintah lebih diutamakan):\n";
  for (const auto& f : kFlags) {
    std::string line = "  --" + std::string(f.name) + (f.takes_value ? " NILAI" : "");
    if (line.size() < 28) line.resize(28, ' ');
    line += std::string(f.help);
    if (!f.env.empty()) line += " (" + std::string(f.env) + ")";
    out += line + "\n";
  }
  return out;
}

}  // namespace sopan::app

#include "vcs/git_http.hpp"

#include <algorithm>

namespace sopan::vcs {

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

bool is_token_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

/// The media type without parameters, in lower case.
std::string media_type_of(std::string_view content_type) {
  std::string_view t = content_type.substr(0, content_type.find(';'));
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  std::string out(t);
  for (char& c : out) c = lower(c);
  return out;
}

constexpr std::string_view kUploadPackRequest = "application/x-git-upload-pack-request";

}  // namespace

Result<GitHttpService> git_http_service(
    std::string_view method, std::string_view path, std::string_view raw_path,
    const std::map<std::string, std::string, std::less<>>& query) {
  if (raw_path.find('%') != std::string_view::npos)
    return make_error(Errc::kInvalidArgument,
                      "Alamat git tidak boleh memuat karakter yang dikodekan (%)");
  const std::string repository_slash = std::string(kGitHttpRepository) + "/";
  if (!path.starts_with(repository_slash))
    return make_error(Errc::kNotFound, "Repositori git tidak ditemukan; alamatnya /git/" +
                                           std::string(kGitHttpRepository));
  const std::string_view rest = path.substr(repository_slash.size());
  auto not_served = [] {
    return make_error(Errc::kNotFound,
                      "Hanya git clone dan git fetch (protokol smart HTTP) yang dilayani di sini");
  };
  const auto service = query.find("service");
  const bool receive_pack =
      rest == "git-receive-pack" ||
      (rest == "info/refs" && service != query.end() && service->second == "git-receive-pack");
  if (receive_pack)
    return make_error(Errc::kPermissionDenied,
                      "Repositori ini hanya dapat dibaca: git push tidak diterima");
  if (rest == "info/refs") {
    if (method != "GET") return not_served();
    for (const auto& [name, value] : query)
      if (name != "service")
        return field_error(Errc::kInvalidArgument, "Parameter tidak dikenal", "/query/" + name,
                           "Hanya parameter service yang diterima");
    // Without ?service= a client asks for the dumb protocol's file listing: not served.
    if (service == query.end() || service->second != "git-upload-pack") return not_served();
    return GitHttpService::kAdvertiseRefs;
  }
  if (rest == "git-upload-pack") {
    if (method != "POST") return not_served();
    if (!query.empty())
      return field_error(Errc::kInvalidArgument, "Parameter tidak dikenal",
                         "/query/" + query.begin()->first, "Alamat ini tidak menerima parameter");
    return GitHttpService::kUploadPack;
  }
  return not_served();
}

Status check_git_http_headers(GitHttpService service, const GitHttpRequestHeaders& headers) {
  if (service == GitHttpService::kUploadPack &&
      media_type_of(headers.content_type) != kUploadPackRequest)
    return field_error(Errc::kUnsupportedMediaType, "Jenis isi permintaan git salah",
                       "/headers/Content-Type", "Harus " + std::string(kUploadPackRequest));
  if (!headers.content_encoding.empty() && !iequals(headers.content_encoding, "gzip") &&
      !iequals(headers.content_encoding, "identity"))
    return field_error(Errc::kUnsupportedMediaType, "Pengodean isi permintaan tidak didukung",
                       "/headers/Content-Encoding", "Hanya gzip yang diterima");
  const std::string& p = headers.git_protocol;
  const bool protocol_ok = p.size() <= 256 && std::all_of(p.begin(), p.end(), [](char c) {
                             return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                    (c >= '0' && c <= '9') ||
                                    std::string_view("=:._,-").find(c) != std::string_view::npos;
                           });
  if (!protocol_ok)
    return field_error(Errc::kInvalidArgument, "Header Git-Protocol tidak valid",
                       "/headers/Git-Protocol", "Misalnya version=2");
  return {};
}

std::vector<std::string> git_http_backend_env(GitHttpService service,
                                              const GitHttpRequestHeaders& headers,
                                              std::size_t content_length,
                                              std::string_view repository, std::string_view path) {
  const bool advertise = service == GitHttpService::kAdvertiseRefs;
  std::vector<std::string> env = {
      "GATEWAY_INTERFACE=CGI/1.1",
      "SERVER_PROTOCOL=HTTP/1.1",
      // The project root is the repository itself, and PATH_INFO is ours, never the client's:
      // git can only ever open this one repository.
      "GIT_PROJECT_ROOT=" + std::string(repository),
      std::string("PATH_INFO=") + (advertise ? "/info/refs" : "/git-upload-pack"),
      std::string("REQUEST_METHOD=") + (advertise ? "GET" : "POST"),
      std::string("QUERY_STRING=") + (advertise ? "service=git-upload-pack" : ""),
      "GIT_HTTP_EXPORT_ALL=1",
      "PATH=" + std::string(path),
      "LC_ALL=C",
      // Neither the machine's nor a user's git configuration applies; only what follows.
      "GIT_CONFIG_NOSYSTEM=1",
      "GIT_CONFIG_GLOBAL=/dev/null",
      "GIT_CONFIG_COUNT=4",
      "GIT_CONFIG_KEY_0=http.uploadpack",
      "GIT_CONFIG_VALUE_0=true",
      // Receive-pack is refused before git runs; this is the second lock (git would otherwise
      // allow it to an authenticated REMOTE_USER, which is never set).
      "GIT_CONFIG_KEY_1=http.receivepack",
      "GIT_CONFIG_VALUE_1=false",
      "GIT_CONFIG_KEY_2=http.getanyfile",
      "GIT_CONFIG_VALUE_2=false",
      // Two cores serve everyone: one pack is compressed by one thread.
      "GIT_CONFIG_KEY_3=pack.threads",
      "GIT_CONFIG_VALUE_3=1",
  };
  if (!advertise) {
    env.push_back("CONTENT_TYPE=" + headers.content_type);
    env.push_back("CONTENT_LENGTH=" + std::to_string(content_length));
    if (iequals(headers.content_encoding, "gzip")) env.push_back("HTTP_CONTENT_ENCODING=gzip");
  }
  if (!headers.git_protocol.empty()) env.push_back("HTTP_GIT_PROTOCOL=" + headers.git_protocol);
  return env;
}

std::optional<std::size_t> cgi_body_start(std::string_view output) {
  for (std::size_t i = 0; i < output.size(); ++i) {
    if (output[i] != '\n') continue;
    if (i + 1 < output.size() && output[i + 1] == '\n') return i + 2;
    if (i + 2 < output.size() && output[i + 1] == '\r' && output[i + 2] == '\n') return i + 3;
  }
  return std::nullopt;
}

Result<CgiHead> parse_cgi_head(std::string_view head) {
  auto bad = [](std::string why) {
    return make_error(Errc::kInternal, "Kepala jawaban CGI tidak valid: " + why);
  };
  CgiHead out;
  while (!head.empty()) {
    const auto nl = head.find('\n');
    std::string_view line = head.substr(0, nl);
    head = nl == std::string_view::npos ? std::string_view() : head.substr(nl + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.empty()) break;  // the blank line that ends the head
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return bad("baris tanpa nama");
    const std::string_view name = line.substr(0, colon);
    if (!std::all_of(name.begin(), name.end(), is_token_char)) return bad("nama tidak valid");
    std::string_view value = line.substr(colon + 1);
    while (value.starts_with(' ') || value.starts_with('\t')) value.remove_prefix(1);
    while (value.ends_with(' ') || value.ends_with('\t')) value.remove_suffix(1);
    if (std::any_of(value.begin(), value.end(), [](char c) {
          return (static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f;
        }))
      return bad("karakter kendali");
    if (iequals(name, "Status")) {
      if (value.size() < 3 ||
          !std::all_of(value.begin(), value.begin() + 3,
                       [](char c) { return c >= '0' && c <= '9'; }) ||
          (value.size() > 3 && value[3] != ' '))
        return bad("Status");
      out.status = (value[0] - '0') * 100 + (value[1] - '0') * 10 + (value[2] - '0');
      if (out.status < 100 || out.status > 599) return bad("Status");
    } else if (iequals(name, "Content-Type")) {
      out.content_type = std::string(value);
    } else if (iequals(name, "Cache-Control") || iequals(name, "Expires") ||
               iequals(name, "Pragma")) {
      out.headers.emplace_back(std::string(name), std::string(value));
    }
  }
  return out;
}

}  // namespace sopan::vcs

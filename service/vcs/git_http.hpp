#pragma once
/// Git's smart HTTP protocol as the server speaks it under /git/: which requests reach git's own
/// `git http-backend` (CGI), the environment it runs in, and the CGI head it answers with. Pure
/// functions: no process, no I/O (api/git_http.cpp runs the backend).
///
/// Only fetching is served, and only from the one repository: `GET <name>/info/refs?service=
/// git-upload-pack` (the ref advertisement) and `POST <name>/git-upload-pack` (the pack). Every
/// other request is refused here, before any process starts.
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.hpp"

namespace sopan::vcs {

/// The repository's name in its clone URL: http://<server>/git/sopan.git
inline constexpr std::string_view kGitHttpRepository = "sopan.git";

enum class GitHttpService {
  kAdvertiseRefs,  // GET info/refs?service=git-upload-pack
  kUploadPack,     // POST git-upload-pack
};

/// The service asked for by `method` on `path` (what follows "/git/", percent-decoded, as routed)
/// with `query` (decoded). `raw_path` is the whole request path as sent: git never
/// percent-encodes these paths, so any '%' in it is a trick (an encoded '/', '.' or NUL).
/// kInvalidArgument (400) for an encoded path or a query beyond `service`; kPermissionDenied
/// (403) for receive-pack (the repository is read-only); kNotFound (404) for anything else:
/// another repository, the dumb protocol's files, a method that does not fit.
[[nodiscard]] Result<GitHttpService> git_http_service(
    std::string_view method, std::string_view path, std::string_view raw_path,
    const std::map<std::string, std::string, std::less<>>& query);

/// What the request carries that git http-backend reads, as the client sent it.
struct GitHttpRequestHeaders {
  std::string content_type;      // POST: application/x-git-upload-pack-request
  std::string content_encoding;  // "", "identity" or "gzip" (git compresses large requests)
  std::string git_protocol;      // Git-Protocol: "version=2" (protocol v2), or ""
};

/// Refuses headers git would not send: a POST whose Content-Type is not the upload-pack request
/// (kUnsupportedMediaType, 415), a Content-Encoding but gzip or identity (415), a Git-Protocol
/// value over 256 bytes or with characters outside [A-Za-z0-9=:._,-] (kInvalidArgument, 400).
/// Each names its header (/headers/<Name>).
[[nodiscard]] Status check_git_http_headers(GitHttpService service,
                                            const GitHttpRequestHeaders& headers);

/// The complete environment of `git http-backend` for `service` on the repository at
/// `repository` (an absolute path): the CGI variables, GIT_PROJECT_ROOT naming that repository
/// and no other, GIT_HTTP_EXPORT_ALL, and configuration that turns upload-pack on and
/// receive-pack and the dumb protocol's files off, whatever the repository's or the machine's
/// git configuration says (system and global configuration are not read). `path` is the PATH
/// the backend uses to find git.
std::vector<std::string> git_http_backend_env(GitHttpService service,
                                              const GitHttpRequestHeaders& headers,
                                              std::size_t content_length,
                                              std::string_view repository, std::string_view path);

/// The head of a CGI answer: "Status: 404 Not Found", Content-Type and the other fields.
struct CgiHead {
  int status = 200;
  std::string content_type;
  /// The fields passed on to the client, those git http-backend sets for caches (Cache-Control,
  /// Expires, Pragma); anything else a CGI program says is not forwarded.
  std::vector<std::pair<std::string, std::string>> headers;
};

/// The largest CGI head read before giving up on it.
inline constexpr std::size_t kMaxCgiHead = 8192;

/// Where the body starts in `output` (just past the blank line ending the head, "\r\n\r\n" or
/// "\n\n"); nullopt while the head is not complete.
std::optional<std::size_t> cgi_body_start(std::string_view output);

/// Parses a CGI head (everything before the body, `cgi_body_start` bytes). kInternal for a
/// malformed head: a line without ':', a field name that is not a token, a Status that is not a
/// three-digit code 100..599, a control character in a value. (Git's own error answers carry a
/// Status and no Content-Type: `content_type` is then empty.)
[[nodiscard]] Result<CgiHead> parse_cgi_head(std::string_view head);

}  // namespace sopan::vcs

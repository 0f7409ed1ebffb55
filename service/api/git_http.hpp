#pragma once
/// Read-only git over HTTP at /git/sopan.git for auditors and admins (kGitRead): stock `git clone`
/// and `git fetch`, served by git's own `git http-backend` (CGI), spawned per request on the
/// blocking pool and streamed out (a pack may be hundreds of MB; it is never held in memory).
/// Callers authenticate with HTTP Basic "username:personal access token" (api/tokens.cpp), never
/// a password or the session cookie.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "common/time.hpp"

namespace sopan::api {

struct GitHttpLimits {
  /// git processes at once; one more request is answered 503 with Retry-After.
  int max_processes = 2;
  /// A process running longer than this is killed (the client sees a cut connection).
  std::chrono::seconds run_limit{20 * 60};
  /// A process that writes nothing for this long is killed (upload-pack keeps a slow client
  /// alive with a progress packet every 5 seconds).
  std::chrono::seconds idle_limit{60};
  std::chrono::seconds retry_after{10};
  /// A fetch writes one `git.fetch` event: its ref advertisement always does, a pack request
  /// only when the token has had none for this long (a client may skip the advertisement).
  std::chrono::seconds fetch_event_gap{10 * 60};
};

/// The state /git/ shares between requests (api::Context::git).
struct GitServing {
  GitHttpLimits limits;
  /// The backend program; empty: `git-http-backend` in git's exec path, looked up on first use.
  /// (Tests name a program of their own to hold a process or to outlive the limits.)
  std::filesystem::path backend;
  std::atomic<int> running{0};

  std::mutex mutex;  // guards what follows
  std::filesystem::path found_backend;
  std::map<std::string, TimeMs, std::less<>> last_event;  // token id → its last git.fetch event
};

}  // namespace sopan::api

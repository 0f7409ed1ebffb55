#pragma once
/// The ledger's serialised executor: one thread of its own runs every write, in the order they
/// arrive, so no I/O thread ever waits on git's fsync and writes can later share one (group
/// commit). `run` waits for the write's result.
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <type_traits>

namespace sopan::library {

class WriteQueue {
 public:
  WriteQueue() : thread_([this] { loop(); }) {}
  ~WriteQueue() { stop(); }
  /// Runs what is queued, then stops the thread (idempotent; nothing may be queued after).
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_one();
    if (thread_.joinable()) thread_.join();
  }
  WriteQueue(const WriteQueue&) = delete;
  WriteQueue& operator=(const WriteQueue&) = delete;

  /// Runs `f` on the writer thread and answers its result (or rethrows what it threw). Called
  /// from the writer thread itself, `f` runs at once (a write made by a write).
  template <class F>
  std::invoke_result_t<F> run(F&& f) {
    using R = std::invoke_result_t<F>;
    if (std::this_thread::get_id() == thread_.get_id()) return f();
    std::packaged_task<R()> task(std::forward<F>(f));
    std::future<R> done = task.get_future();
    enqueue([&task] { task(); });
    return done.get();
  }

 private:
  void enqueue(std::function<void()> f) {
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(std::move(f));
    }
    ready_.notify_one();
  }
  void loop() {
    for (;;) {
      std::function<void()> next;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping, and nothing left
        next = std::move(queue_.front());
        queue_.pop_front();
      }
      next();  // a packaged task: what it throws goes to its caller
    }
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::thread thread_;  // last: starts once the rest is constructed
};

}  // namespace sopan::library

#pragma once
// One thread for the plugin's slow work, so that none of it holds up the reads waiting to be
// matched: service requests (a million-plate upload takes about 2 s to check and store), writing
// hits to LMDB (a commit waits for the disk, and for an upload's write transaction), and purges.
// Jobs run in the order they were submitted.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace platebus::hotlist {

class BackgroundWorker {
 public:
  using Job = std::function<void()>;

  BackgroundWorker();
  // Runs what is still queued, then stops: requests get their answers and hits their records.
  ~BackgroundWorker();
  BackgroundWorker(const BackgroundWorker&) = delete;
  BackgroundWorker& operator=(const BackgroundWorker&) = delete;

  void submit(Job job);

 private:
  void loop();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace platebus::hotlist

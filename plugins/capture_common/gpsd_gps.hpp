#pragma once
// A gpsd client (libgps): watches TPV reports on a background thread, mode >= 2D is a fix, and
// reconnects with backoff (1 s .. 30 s) when gpsd is not there, logging once per failure streak.
#include <chrono>
#include <string>
#include <thread>

#include "gps_source.hpp"
#include "source_support.hpp"

namespace platebus::capture {

class GpsdGpsSource final : public GpsSource {
 public:
  GpsdGpsSource(std::string host, std::string port, std::chrono::milliseconds max_age, Context& ctx);
  ~GpsdGpsSource() override;
  GpsFix current() override { return store_.current(); }

 private:
  void run();
  bool reachable(std::string& error);  // a connect that the stop signal can interrupt

  const std::string host_, port_;
  Context& ctx_;
  detail::FixStore store_;
  detail::StopSignal stop_;
  std::thread thread_;
};

}  // namespace platebus::capture
